/**
 * ONNX export of the encoder, built by walking its DJL block structure (Conv, BatchNorm, ReLU, pooling, residual adds).
 */
package dev.simclr.model.onnx;
