package dev.simclr.onnx;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

/**
 * Hand-built tiny encoders in the export format: 1x1 Conv (C to D, with bias), Relu, GlobalAveragePool, Flatten; input
 * {@code images [batch, C, S, S]}, output {@code features [batch, D]}. {@link #expected} computes the same features in
 * plain Java.
 */
public final class TinyModels {

    private TinyModels() {}

    /** Deterministic weights {@code [D][C]} and bias {@code [D]} of a tiny model. */
    record Weights(float[][] w, float[] b) {
        static Weights of(int channels, int dim) {
            float[][] w = new float[dim][channels];
            float[] b = new float[dim];
            for (int d = 0; d < dim; d++) {
                for (int c = 0; c < channels; c++) {
                    w[d][c] = (float) Math.sin(1.7 * d + 0.9 * c + 0.3);
                }
                b[d] = (float) (0.1 * Math.cos(d));
            }
            return new Weights(w, b);
        }
    }

    public static byte[] model(EncoderMetadata metadata) {
        return model(metadata, metadata.channels());
    }

    /** A model whose graph has {@code graphChannels} input channels (to build inconsistent ones). */
    static byte[] model(EncoderMetadata metadata, int graphChannels) {
        int c = graphChannels;
        int d = metadata.featureDim();
        int s = metadata.inputSize();
        Weights weights = Weights.of(c, d);
        float[] w = new float[d * c];
        for (int i = 0; i < d; i++) {
            System.arraycopy(weights.w()[i], 0, w, i * c, c);
        }
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder()
                .setName("tiny")
                .addInput(value(EncoderMetadata.INPUT_NAME, List.of(-1L, (long) c, (long) s, (long) s)))
                .addOutput(value(EncoderMetadata.OUTPUT_NAME, List.of(-1L, (long) d)))
                .addInitializer(tensor("w", new long[] {d, c, 1, 1}, w))
                .addInitializer(tensor("b", new long[] {d}, weights.b()))
                .addNode(node("Conv", List.of(EncoderMetadata.INPUT_NAME, "w", "b"), "conv"))
                .addNode(node("Relu", List.of("conv"), "relu"))
                .addNode(node("GlobalAveragePool", List.of("relu"), "pool"))
                .addNode(node("Flatten", List.of("pool"), EncoderMetadata.OUTPUT_NAME));
        OnnxMl.ModelProto.Builder m = OnnxMl.ModelProto.newBuilder()
                .setIrVersion(8)
                .setProducerName("tiny-test")
                .addOpsetImport(
                        OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                .setGraph(g);
        for (Map.Entry<String, String> e : metadata.toProperties().entrySet()) {
            m.addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder()
                    .setKey(e.getKey())
                    .setValue(e.getValue()));
        }
        return m.build().toByteArray();
    }

    /** A valid ONNX model without SimCLR metadata. */
    static byte[] withoutMetadata() {
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder()
                .setName("identity")
                .addInput(value("x", List.of(-1L, 4L)))
                .addOutput(value("y", List.of(-1L, 4L)))
                .addNode(node("Relu", List.of("x"), "y"));
        return OnnxMl.ModelProto.newBuilder()
                .setIrVersion(8)
                .addOpsetImport(
                        OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                .setGraph(g)
                .build()
                .toByteArray();
    }

    /** Features of normalised NCHW images, computed in double precision. */
    static float[][] expected(float[] nchw, int n, int channels, int side, int dim) {
        Weights weights = Weights.of(channels, dim);
        int plane = side * side;
        float[][] out = new float[n][dim];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < dim; d++) {
                double sum = 0;
                for (int p = 0; p < plane; p++) {
                    double v = weights.b()[d];
                    for (int c = 0; c < channels; c++) {
                        v += weights.w()[d][c] * nchw[(i * channels + c) * plane + p];
                    }
                    sum += Math.max(0, v);
                }
                out[i][d] = (float) (sum / plane);
            }
        }
        return out;
    }

    private static OnnxMl.NodeProto node(String op, List<String> inputs, String output) {
        return OnnxMl.NodeProto.newBuilder()
                .setOpType(op)
                .setName(output + "_node")
                .addAllInput(inputs)
                .addOutput(output)
                .build();
    }

    private static OnnxMl.TensorProto tensor(String name, long[] dims, float[] values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            buf.putFloat(v);
        }
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder()
                .setName(name)
                .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
                .setRawData(ByteString.copyFrom(buf.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    private static OnnxMl.ValueInfoProto value(String name, List<Long> dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(
                    d < 0
                            ? OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("batch")
                            : OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return OnnxMl.ValueInfoProto.newBuilder()
                .setName(name)
                .setType(OnnxMl.TypeProto.newBuilder()
                        .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                                .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
                                .setShape(shape)))
                .build();
    }
}
