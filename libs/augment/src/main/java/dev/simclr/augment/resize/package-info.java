/**
 * The canvas (how an image is fitted to the square model input) and the deterministic size and channel matching shared
 * by training views, evaluation and ONNX embedding.
 */
package dev.simclr.augment.resize;
