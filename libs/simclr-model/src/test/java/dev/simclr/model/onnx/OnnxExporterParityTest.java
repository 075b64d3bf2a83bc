package dev.simclr.model.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.simclr.model.Arch;
import dev.simclr.model.ModelConfig;
import dev.simclr.model.SimClrModel;
import dev.simclr.model.Stem;
import dev.simclr.onnx.OnnxEncoder;
import dev.simclr.onnx.OnnxParity;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DJL encoder vs the exported graph on ONNX Runtime, for every architecture, stem and channel count, with random
 * weights and random BatchNorm statistics: max |feature diff| within 1e-4 in fp32, for a batch of 5 and a batch of 1
 * through the same session (dynamic batch).
 */
class OnnxExporterParityTest {

    private static final Logger LOG = LoggerFactory.getLogger(OnnxExporterParityTest.class);
    private static final double TOLERANCE = 1e-4;

    static Stream<Arguments> configs() {
        Stream.Builder<Arguments> all = Stream.builder();
        for (Arch arch : Arch.values()) {
            for (Stem stem : Stem.values()) {
                for (int channels : new int[] {1, 3}) {
                    // Explicit BatchNormalization nodes for one config per architecture.
                    boolean explicit = stem == Stem.SMALL && channels == 3;
                    all.add(Arguments.of(arch, stem, channels, true));
                    if (explicit) {
                        all.add(Arguments.of(arch, stem, channels, false));
                    }
                }
            }
        }
        return all.build();
    }

    @ParameterizedTest(name = "{0} {1} stem, {2} channel(s), fold BN {3}")
    @MethodSource("configs")
    void onnxRuntimeMatchesDjl(Arch arch, Stem stem, int channels, boolean fold) {
        int side = stem == Stem.SMALL ? 16 : 32;
        ModelConfig config = ModelConfig.builder()
                .setChannels(channels)
                .setInputSize(side)
                .optArch(arch)
                .optStem(stem)
                .optWidth(0.125)
                .build();
        long seed = 31L * arch.ordinal() + 7L * stem.ordinal() + channels;
        try (SimClrModel model = SimClrModel.create(config, Device.cpu(), seed);
                NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            assertThat(RandomBatchNorm.apply(model.encoder(), seed)).isGreaterThan(10);
            OnnxExport export =
                    OnnxExporter.builder().optFoldBatchNorm(fold).build().export(model);

            int n = 5;
            float[] x = new float[n * channels * side * side];
            SplittableRandom rng = new SplittableRandom(seed);
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) rng.nextGaussian();
            }
            float[] djl = model.embed(manager.create(x, new Shape(n, channels, side, side)))
                    .toFloatArray();
            float[] djlFirst = Arrays.copyOf(djl, config.featureDim());

            try (OnnxEncoder encoder = OnnxEncoder.builder()
                    .setModel(export.bytes())
                    .optIntraOpThreads(1)
                    .build()) {
                assertThat(encoder.featureDim()).isEqualTo(config.featureDim());
                float[] ort = flatten(encoder.embed(x, n));
                float[] ortFirst = encoder.embed(Arrays.copyOf(x, channels * side * side), 1)[0];

                OnnxParity.Report batch = OnnxParity.compare(djl, ort, n, config.featureDim());
                OnnxParity.Report single = OnnxParity.compare(djlFirst, ortFirst, 1, config.featureDim());
                LOG.info(
                        "{} {} c{} fold={} ({} nodes, {} params): batch 5 {}; batch 1 max |diff| {}",
                        arch.id(),
                        stem.id(),
                        channels,
                        fold,
                        export.nodeCount(),
                        export.parameterCount(),
                        batch.describe(),
                        single.maxAbsDiff());
                assertThat(batch.maxAbsValue())
                        .as("features must not be trivially small")
                        .isGreaterThan(0.05);
                assertThat(batch.maxAbsDiff()).as(batch.describe(TOLERANCE)).isLessThanOrEqualTo(TOLERANCE);
                assertThat(single.maxAbsDiff()).as(single.describe(TOLERANCE)).isLessThanOrEqualTo(TOLERANCE);
            }
        }
    }

    private static float[] flatten(float[][] rows) {
        float[] out = new float[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * rows[i].length, rows[i].length);
        }
        return out;
    }
}
