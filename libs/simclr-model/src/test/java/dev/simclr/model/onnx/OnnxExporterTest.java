package dev.simclr.model.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.nn.LambdaBlock;
import ai.onnx.proto.OnnxMl;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.simclr.model.Arch;
import dev.simclr.model.ModelConfig;
import dev.simclr.model.SimClrModel;
import dev.simclr.model.Stem;
import dev.simclr.model.nn.NamedSequence;
import dev.simclr.model.nn.Relu;
import dev.simclr.onnx.EncoderMetadata;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OnnxExporterTest {

    private static ModelConfig config(Stem stem) {
        return ModelConfig.builder()
                .setChannels(1)
                .setInputSize(stem == Stem.SMALL ? 16 : 32)
                .optArch(Arch.RESNET18)
                .optStem(stem)
                .optWidth(0.125)
                .optNormalization(java.util.List.of(0.286), java.util.List.of(0.353))
                .build();
    }

    private static Map<String, Long> opCounts(OnnxMl.GraphProto g) {
        return g.getNodeList().stream()
                .collect(Collectors.groupingBy(OnnxMl.NodeProto::getOpType, Collectors.counting()));
    }

    @Test
    void graphHasTheDocumentedSignatureNodesAndMetadata() throws InvalidProtocolBufferException {
        try (SimClrModel model = SimClrModel.create(config(Stem.SMALL), Device.cpu(), 1)) {
            Instant created = Instant.parse("2026-01-02T03:04:05Z");
            OnnxExport export = OnnxExporter.builder()
                    .optRunId("run-7")
                    .optStep(1200)
                    .optCreatedAt(created)
                    .optProperty("simclr.eval_set", "fashion-mnist")
                    .build()
                    .export(model);
            OnnxMl.ModelProto m = OnnxMl.ModelProto.parseFrom(export.bytes());

            assertThat(m.getOpsetImport(0).getVersion()).isEqualTo(17);
            assertThat(m.getIrVersion()).isEqualTo(8);
            assertThat(m.getProducerName()).isEqualTo("simclr-pipeline");
            assertThat(m.getProducerVersion()).startsWith("simclr-onnx-exporter/1 (DJL ");
            assertThat(m.getModelVersion()).isEqualTo(1200);
            OnnxMl.ValueInfoProto in = m.getGraph().getInput(0);
            assertThat(in.getName()).isEqualTo("images");
            var dims = in.getType().getTensorType().getShape().getDimList();
            assertThat(dims.get(0).getDimParam()).isEqualTo("batch");
            assertThat(dims.subList(1, 4))
                    .extracting(OnnxMl.TensorShapeProto.Dimension::getDimValue)
                    .containsExactly(1L, 16L, 16L);
            OnnxMl.ValueInfoProto out = m.getGraph().getOutput(0);
            assertThat(out.getName()).isEqualTo("features");
            assertThat(out.getType().getTensorType().getShape().getDim(1).getDimValue())
                    .isEqualTo(64);

            // ResNet-18 small stem, BN folded: 1 stem conv + 8 blocks x 2 + 3 projection shortcuts.
            assertThat(opCounts(m.getGraph()))
                    .containsExactlyInAnyOrderEntriesOf(
                            Map.of("Conv", 20L, "Relu", 17L, "Add", 8L, "GlobalAveragePool", 1L, "Flatten", 1L));
            assertThat(m.getGraph().getNode(m.getGraph().getNodeCount() - 1).getOutput(0))
                    .isEqualTo("features");
            // Folding replaces each BN's gamma and beta by one Conv bias per channel.
            assertThat(biasCount(m)).isEqualTo(countBatchNormScalars(model) / 2);
            assertThat(export.parameterCount())
                    .isEqualTo(model.encoderParameterCount() - countBatchNormScalars(model) + biasCount(m));

            Map<String, String> props = m.getMetadataPropsList().stream()
                    .collect(Collectors.toMap(
                            OnnxMl.StringStringEntryProto::getKey, OnnxMl.StringStringEntryProto::getValue));
            assertThat(props)
                    .containsEntry(EncoderMetadata.RUN_ID, "run-7")
                    .containsEntry(EncoderMetadata.STEP, "1200")
                    .containsEntry(EncoderMetadata.ARCH, "resnet18")
                    .containsEntry(EncoderMetadata.STEM, "small")
                    .containsEntry(EncoderMetadata.WIDTH, "0.125")
                    .containsEntry(EncoderMetadata.CHANNELS, "1")
                    .containsEntry(EncoderMetadata.INPUT_SIZE, "16")
                    .containsEntry(EncoderMetadata.MEAN, "[0.286]")
                    .containsEntry(EncoderMetadata.STD, "[0.353]")
                    .containsEntry(EncoderMetadata.FEATURE_DIM, "64")
                    .containsEntry(EncoderMetadata.RESIZE_MODE, "pad")
                    .containsEntry(EncoderMetadata.BATCH_NORM, "folded")
                    .containsEntry(EncoderMetadata.CREATED_AT, "2026-01-02T03:04:05Z")
                    .containsEntry("simclr.eval_set", "fashion-mnist");
            assertThat(EncoderMetadata.fromProperties(props)).isEqualTo(export.metadata());
        }
    }

    @Test
    void explicitBatchNormAndTheImagenetStemAddTheirNodes() throws InvalidProtocolBufferException {
        try (SimClrModel model = SimClrModel.create(config(Stem.IMAGENET), Device.cpu(), 1)) {
            OnnxExport export = OnnxExporter.builder()
                    .optFoldBatchNorm(false)
                    .optOpset(13)
                    .build()
                    .export(model);
            OnnxMl.ModelProto m = OnnxMl.ModelProto.parseFrom(export.bytes());
            assertThat(opCounts(m.getGraph()))
                    .containsEntry("BatchNormalization", 20L)
                    .containsEntry("Conv", 20L)
                    .containsEntry("MaxPool", 1L);
            OnnxMl.NodeProto pool = m.getGraph().getNodeList().stream()
                    .filter(n -> n.getOpType().equals("MaxPool"))
                    .findFirst()
                    .orElseThrow();
            assertThat(pool.getAttributeList().stream()
                            .filter(a -> a.getName().equals("pads"))
                            .findFirst()
                            .orElseThrow()
                            .getIntsList())
                    .containsExactly(1L, 1L, 1L, 1L);
            assertThat(m.getIrVersion()).isEqualTo(7);
            assertThat(export.metadata().property(EncoderMetadata.BATCH_NORM)).contains("explicit");
            assertThat(export.metadata().property(EncoderMetadata.RUN_ID)).isEmpty();
        }
    }

    @Test
    void unknownBlocksAreRefusedWithTheirPathAndType() {
        NamedSequence seq =
                new NamedSequence().add("relu", new Relu()).add("custom", new LambdaBlock(Function.identity()));
        assertThatThrownBy(() -> new GraphWriter(true).emit(new NamedSequence().add("stem", seq), "images", ""))
                .isInstanceOf(UnsupportedBlockException.class)
                .hasMessageStartingWith("cannot export block 'stem.custom' of type ai.djl.nn.LambdaBlock: ");
    }

    @Test
    void optionsAreValidated() {
        assertThatThrownBy(() -> OnnxExporter.builder().optOpset(12)).hasMessage("opset must be in 13..17, got 12");
        try (SimClrModel model = SimClrModel.create(config(Stem.SMALL), Device.cpu(), 1)) {
            assertThatThrownBy(() -> OnnxExporter.builder()
                            .optProperty(EncoderMetadata.ARCH, "vgg")
                            .build()
                            .export(model))
                    .hasMessage("metadata property 'simclr.arch' is written by the exporter itself");
        }
    }

    private static long countBatchNormScalars(SimClrModel model) {
        long n = 0;
        for (var p : model.encoder().getParameters()) {
            String name = p.getKey();
            if (name.endsWith("gamma") || name.endsWith("beta")) {
                n += p.getValue().getArray().getShape().size();
            }
        }
        return n;
    }

    private static long biasCount(OnnxMl.ModelProto m) {
        return m.getGraph().getInitializerList().stream()
                .filter(t -> t.getName().endsWith(".bias"))
                .mapToLong(t -> t.getDims(0))
                .sum();
    }
}
