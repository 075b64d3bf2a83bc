/** Embeds images with an exported SimCLR encoder ({@code encoder.onnx}) on ONNX Runtime, without DJL. */
package dev.simclr.onnx;
