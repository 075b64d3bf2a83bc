package dev.simclr.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.simclr.augment.DecodedImage;
import dev.simclr.augment.resize.ResizeMode;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OnnxEncoderTest {

    private static final EncoderMetadata META = EncoderMetadata.of(
            3,
            8,
            List.of(0.4, 0.5, 0.6),
            List.of(0.2, 0.25, 0.3),
            6,
            ResizeMode.PAD,
            Map.of(EncoderMetadata.RUN_ID, "tiny-run"));

    private static float[] randomInput(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n * 3 * 8 * 8];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        return x;
    }

    private static void assertClose(float[][] actual, float[][] expected) {
        assertThat(actual).hasDimensions(expected.length, expected[0].length);
        for (int i = 0; i < expected.length; i++) {
            for (int d = 0; d < expected[i].length; d++) {
                assertThat(actual[i][d]).as("image %d feature %d", i, d).isCloseTo(expected[i][d], within(1e-5f));
            }
        }
    }

    @Test
    void readsMetadataAndEmbedsAcrossBatchBoundaries() {
        try (OnnxEncoder encoder = OnnxEncoder.builder()
                .setModel(TinyModels.model(META))
                .optBatchSize(2)
                .optIntraOpThreads(1)
                .build()) {
            assertThat(encoder.metadata()).isEqualTo(META);
            assertThat(encoder.featureDim()).isEqualTo(6);
            assertThat(encoder.preprocessor()).isEqualTo(new ImagePreprocessor(8, 8, 3, ResizeMode.PAD));
            float[] x = randomInput(5, 3);
            float[][] features = encoder.embed(x, 5);
            assertClose(features, TinyModels.expected(x, 5, 3, 8, 6));
            // One image on its own gives the same row as inside a batch.
            float[] first = java.util.Arrays.copyOf(x, 3 * 8 * 8);
            assertThat(encoder.embed(first, 1)[0]).containsExactly(features[0]);
        }
    }

    @Test
    void decodedImagesArePreprocessedAndNormalisedPerTheMetadata() {
        byte[] grey = new byte[5 * 7];
        new SplittableRandom(9).nextBytes(grey);
        DecodedImage small = new DecodedImage(7, 5, 1, grey);
        try (OnnxEncoder encoder = OnnxEncoder.load(TinyModels.model(META))) {
            float[][] viaImages = encoder.embed(List.of(small, small));
            byte[] hwc = encoder.preprocessor().apply(small);
            float[] nchw = encoder.preprocessor().normalise(hwc, 1, META.meanFloats(), META.stdFloats());
            assertClose(
                    viaImages,
                    new float[][] {TinyModels.expected(nchw, 1, 3, 8, 6)[0], TinyModels.expected(nchw, 1, 3, 8, 6)[0]});

            // larger than the input: letterboxed by the pad canvas, not refused
            byte[] ramp = new byte[9 * 12];
            for (int i = 0; i < ramp.length; i++) {
                ramp[i] = (byte) (3 * i);
            }
            DecodedImage big = new DecodedImage(12, 9, 1, ramp);
            byte[] letterboxed = encoder.preprocessor().apply(big);
            assertThat(letterboxed)
                    .isEqualTo(new dev.simclr.augment.resize.Canvas(ResizeMode.PAD, 8)
                            .fit(new DecodedImage(
                                    12, 9, 3, dev.simclr.augment.resize.ImageOps.convertChannels(ramp, 0, 108, 1, 3))));
            assertThat(encoder.embed(List.of(small, big))).hasDimensions(2, 6);
        }
        try (OnnxEncoder resizing = OnnxEncoder.builder()
                .setModel(TinyModels.model(META))
                .optResizeMode(ResizeMode.RESIZE)
                .build()) {
            assertThat(resizing.embed(List.of(new DecodedImage(9, 9, 1, new byte[81]))))
                    .hasDimensions(1, 6);
        }
    }

    @Test
    void wrongInputLengthIsRefused() {
        try (OnnxEncoder encoder = OnnxEncoder.load(TinyModels.model(META))) {
            assertThatThrownBy(() -> encoder.embed(new float[10], 1))
                    .hasMessage("expected 1 images of 3x8x8 = 192 floats, got 10");
        }
    }

    @Test
    void foreignOrInconsistentModelsAreRefused() {
        assertThatThrownBy(() -> OnnxEncoder.load(TinyModels.withoutMetadata()))
                .hasMessage("not a SimCLR encoder export: metadata key simclr.format is missing");
        assertThatThrownBy(() -> OnnxEncoder.load(TinyModels.model(META, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("encoder input 'images'")
                .hasMessageContaining("[batch, 3, 8, 8]");
        assertThatThrownBy(() -> OnnxEncoder.load(new byte[] {1, 2, 3}))
                .isInstanceOf(OnnxEmbedException.class)
                .hasMessageStartingWith("ONNX Runtime cannot load model: ");
    }
}
