package dev.simclr.model.onnx;

import ai.djl.engine.Engine;
import ai.onnx.proto.OnnxMl;
import dev.simclr.model.ModelConfig;
import dev.simclr.model.SimClrModel;
import dev.simclr.onnx.EncoderMetadata;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Exports a {@link SimClrModel}'s encoder (no projection head) to ONNX by walking its DJL block structure (see
 * {@link GraphWriter} for the per-block translation). Unknown blocks are refused.
 *
 * <p>Graph: input {@code images} float32 {@code [batch, C, S, S]} (normalised as {@code (pixel / 255 - mean) / std};
 * {@code batch} is a symbolic dimension), output {@code features} float32 {@code [batch, D]}. BatchNorm is folded into
 * the preceding convolution by default (inference-mode running statistics; fewer nodes, no reliance on a runtime's
 * fusion); {@link Builder#optFoldBatchNorm(boolean) optFoldBatchNorm(false)} keeps explicit {@code BatchNormalization}
 * nodes. Metadata: the {@link EncoderMetadata} keys (input size, the model's canvas as
 * {@link EncoderMetadata#RESIZE_MODE}, normalisation, architecture, run id, step, creation time, ...).
 *
 * <pre>{@code
 * OnnxExport export = OnnxExporter.builder().optRunId("run-1").optStep(1000).build().export(model);
 * Files.write(Path.of("encoder.onnx"), export.bytes());
 * }</pre>
 */
public final class OnnxExporter {

    /** Identifies this exporter's graph layout in {@code producer_version}; bump when it changes. */
    public static final String VERSION = "simclr-onnx-exporter/1";
    /** {@code producer_name} of exported models. */
    public static final String PRODUCER = "simclr-pipeline";
    /** Default opset. */
    public static final int DEFAULT_OPSET = 17;

    private final boolean foldBatchNorm;
    private final int opset;
    private final String runId;
    private final Long step;
    private final Instant createdAt;
    private final Map<String, String> properties;

    private OnnxExporter(Builder b) {
        this.foldBatchNorm = b.foldBatchNorm;
        this.opset = b.opset;
        this.runId = b.runId;
        this.step = b.step;
        this.createdAt = b.createdAt;
        this.properties = Map.copyOf(b.properties);
    }

    /** A builder; every value is optional. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Exports the encoder with its current parameters and BatchNorm running statistics.
     *
     * @throws UnsupportedBlockException when the encoder contains a block without a faithful translation
     */
    public OnnxExport export(SimClrModel model) {
        ModelConfig c = model.config();
        GraphWriter writer = new GraphWriter(foldBatchNorm);
        String last = writer.emit(model.encoder(), EncoderMetadata.INPUT_NAME, "");
        writer.renameOutput(last, EncoderMetadata.OUTPUT_NAME);

        long side = c.inputSize();
        OnnxMl.GraphProto graph = OnnxMl.GraphProto.newBuilder()
                .setName("simclr_encoder")
                .addInput(Tensors.value(EncoderMetadata.INPUT_NAME, -1, c.channels(), side, side))
                .addOutput(Tensors.value(EncoderMetadata.OUTPUT_NAME, -1, c.featureDim()))
                .addAllInitializer(writer.initializers())
                .addAllNode(writer.nodes())
                .build();
        EncoderMetadata metadata = metadata(c);
        OnnxMl.ModelProto.Builder m = OnnxMl.ModelProto.newBuilder()
                .setIrVersion(irVersion(opset))
                .setProducerName(PRODUCER)
                .setProducerVersion(VERSION + " (DJL " + Engine.getDjlVersion() + ")")
                .setDomain("dev.simclr")
                .setModelVersion(step == null ? 0 : step)
                .setDocString(docString(c))
                .addOpsetImport(
                        OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
                .setGraph(graph);
        metadata.toProperties()
                .forEach((k, v) -> m.addMetadataProps(
                        OnnxMl.StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return new OnnxExport(m.build().toByteArray(), metadata, writer.nodes().size(), writer.parameterCount(), opset);
    }

    private EncoderMetadata metadata(ModelConfig c) {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put(EncoderMetadata.ARCH, c.arch().id());
        extra.put(EncoderMetadata.STEM, c.stem().id());
        extra.put(EncoderMetadata.WIDTH, Double.toString(c.width()));
        extra.put(EncoderMetadata.BATCH_NORM, foldBatchNorm ? "folded" : "explicit");
        if (runId != null) {
            extra.put(EncoderMetadata.RUN_ID, runId);
        }
        if (step != null) {
            extra.put(EncoderMetadata.STEP, Long.toString(step));
        }
        extra.put(EncoderMetadata.CREATED_AT, (createdAt == null ? Instant.now() : createdAt).toString());
        properties.forEach((k, v) -> {
            if (extra.containsKey(k)) {
                throw new IllegalArgumentException("metadata property '" + k + "' is written by the exporter itself");
            }
            extra.put(k, v);
        });
        return EncoderMetadata.of(c.channels(), c.inputSize(), c.mean(), c.std(), c.featureDim(), c.fit(), extra);
    }

    private String docString(ModelConfig c) {
        return String.format(
                Locale.ROOT,
                "SimCLR encoder %s, %s stem, width %s%s. Input 'images' float32 "
                        + "[batch, %d, %d, %d] = (pixel / 255 - mean) / std with mean %s, std %s, images fitted to the input by %s; "
                        + "output 'features' float32 [batch, %d] (before the projection head).",
                c.arch().id(),
                c.stem().id(),
                c.width(),
                runId == null ? "" : ", run " + runId + (step == null ? "" : " step " + step),
                c.channels(),
                c.inputSize(),
                c.inputSize(),
                c.mean(),
                c.std(),
                c.fit().id(),
                c.featureDim());
    }

    private static int irVersion(int opset) {
        return opset <= 14 ? 7 : 8;
    }

    /** Builds an {@link OnnxExporter}. */
    public static final class Builder {
        private boolean foldBatchNorm = true;
        private int opset = DEFAULT_OPSET;
        private String runId;
        private Long step;
        private Instant createdAt;
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Builder() {}

        /** Folds BatchNorm into the preceding Conv (default true) or keeps BatchNormalization nodes. */
        public Builder optFoldBatchNorm(boolean fold) {
            this.foldBatchNorm = fold;
            return this;
        }

        /** The opset, 13..17 (default 17). */
        public Builder optOpset(int opset) {
            if (opset < 13 || opset > 17) {
                throw new IllegalArgumentException("opset must be in 13..17, got " + opset);
            }
            this.opset = opset;
            return this;
        }

        /** The training run, recorded in the metadata. */
        public Builder optRunId(String runId) {
            this.runId = runId;
            return this;
        }

        /** The checkpoint step, recorded in the metadata and as {@code model_version}. */
        public Builder optStep(long step) {
            if (step < 0) {
                throw new IllegalArgumentException("step must be >= 0, got " + step);
            }
            this.step = step;
            return this;
        }

        /** The creation time (default: now). */
        public Builder optCreatedAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        /** An extra metadata entry (provenance such as the eval set); cannot override the typed keys. */
        public Builder optProperty(String key, String value) {
            properties.put(key, value);
            return this;
        }

        /** Builds the exporter. */
        public OnnxExporter build() {
            return new OnnxExporter(this);
        }
    }
}
