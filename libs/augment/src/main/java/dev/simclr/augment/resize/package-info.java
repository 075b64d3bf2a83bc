/** Deterministic (non-random) size and channel matching shared by evaluation and ONNX embedding. */
package dev.simclr.augment.resize;
