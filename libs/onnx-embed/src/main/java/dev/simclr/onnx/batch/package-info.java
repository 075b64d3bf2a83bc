/** Embeds many images with an {@code OnnxEncoder}: inputs, streamed per-batch output rows, progress. */
package dev.simclr.onnx.batch;
