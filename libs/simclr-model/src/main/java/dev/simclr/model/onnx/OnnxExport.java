package dev.simclr.model.onnx;

import dev.simclr.onnx.EncoderMetadata;

/**
 * An exported encoder.
 *
 * @param bytes the serialised ONNX {@code ModelProto}
 * @param metadata what was written to {@code metadata_props}
 * @param nodeCount graph nodes
 * @param parameterCount scalars in the initialisers
 * @param opset the ONNX opset
 */
public record OnnxExport(byte[] bytes, EncoderMetadata metadata, int nodeCount, long parameterCount, int opset) {}
