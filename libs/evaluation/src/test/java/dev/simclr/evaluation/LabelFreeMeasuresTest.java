package dev.simclr.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.simclr.evaluation.data.LabelledImages;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LabelFreeMeasuresTest {

    @Test
    void alignmentIsTheMeanSquaredDistanceOfNormalisedPairs() {
        FeatureMatrix a = FeatureMatrix.of(new float[][] {{1, 0}, {0, 3}, {2, 2}});
        // same directions (scaled), opposite direction, orthogonal: 0, 4, 2
        FeatureMatrix b = FeatureMatrix.of(new float[][] {{5, 0}, {0, -1}, {-1, 1}});
        assertThat(LabelFreeMeasures.alignment(a, b)).isCloseTo((0 + 4 + 2) / 3.0, within(1e-12));
        assertThat(LabelFreeMeasures.alignment(a, a)).isCloseTo(0, within(1e-12));
    }

    @Test
    void uniformityIsTheLogMeanGaussianPotentialOverDistinctPairs() {
        FeatureMatrix same = FeatureMatrix.of(new float[][] {{1, 1}, {2, 2}, {3, 3}});
        assertThat(LabelFreeMeasures.uniformity(same)).isCloseTo(0, within(1e-12));
        FeatureMatrix basis = FeatureMatrix.of(new float[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
        // every pair at squared distance 2: log(exp(-4))
        assertThat(LabelFreeMeasures.uniformity(basis)).isCloseTo(-4, within(1e-12));
        FeatureMatrix antipodes = FeatureMatrix.of(new float[][] {{0, 2}, {0, -1}});
        assertThat(LabelFreeMeasures.uniformity(antipodes)).isCloseTo(-8, within(1e-12));
    }

    @Test
    void viewsAreSeededPerImageAndDifferWithinAPair() {
        LabelledImages images = noise(6, 16, 3);
        LabelledImages[] v = LabelFreeMeasures.views(images);
        LabelledImages[] again = LabelFreeMeasures.views(images);
        assertThat(v[0].pixels()).isEqualTo(again[0].pixels());
        assertThat(v[1].pixels()).isEqualTo(again[1].pixels());
        assertThat(v[0].pixels()).isNotEqualTo(v[1].pixels());
        assertThat(v[0].height()).isEqualTo(16);
        assertThat(v[0].count()).isEqualTo(6);
    }

    @Test
    void measuresAnExtractorOnASample() {
        LabelledImages images = noise(20, 8, 1);
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), EvaluationProtocol.ENGINE)) {
            LabelFreeMeasures.Result r = LabelFreeMeasures.measure(RawPixels.of(8, 8, 1), images, 7, m, "noise");
            assertThat(r.count()).isEqualTo(20);
            assertThat(r.alignment()).isBetween(0.0, 4.0).isGreaterThan(0);
            assertThat(r.uniformity()).isBetween(-4 - 4.0 / 19, 0.0).isLessThan(0);
            assertThatThrownBy(() -> LabelFreeMeasures.measure(RawPixels.of(8, 8, 1), images.first(1), 7, m, "one"))
                    .hasMessage("one: label-free measures need at least 2 images, got 1");
        }
    }

    private static LabelledImages noise(int n, int side, int channels) {
        byte[] px = new byte[n * side * side * channels];
        new SplittableRandom(4).nextBytes(px);
        return new LabelledImages(side, side, channels, px, new int[n]);
    }
}
