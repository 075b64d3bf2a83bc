package dev.simclr.evaluator.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Pca2dTest {

    @Test
    void recoversTheTwoLargestDirectionsAndTheirVarianceShares() {
        // 6-d points: 5 * a along u, 2 * b along v (u, v orthonormal), small noise elsewhere.
        int n = 1000;
        int d = 6;
        double[] u = {0.6, 0.8, 0, 0, 0, 0};
        double[] v = {0, 0, 0.6, -0.8, 0, 0};
        SplittableRandom rng = new SplittableRandom(3);
        float[] x = new float[n * d];
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = rng.nextGaussian();
            b[i] = rng.nextGaussian();
            for (int c = 0; c < d; c++) {
                x[i * d + c] = (float) (10 + 5 * a[i] * u[c] + 2 * b[i] * v[c] + 0.05 * rng.nextGaussian());
            }
        }
        Pca2d.Projection p = Pca2d.project(x, n, d);
        assertThat(Math.abs(correlation(p.x(), a))).isGreaterThan(0.999);
        assertThat(Math.abs(correlation(p.y(), b))).isGreaterThan(0.999);
        double expected0 = 25.0 / (25 + 4 + 6 * 0.0025);
        assertThat(p.explainedVarianceRatio()[0]).isCloseTo(expected0, within(0.02));
        assertThat(p.explainedVarianceRatio()[0] + p.explainedVarianceRatio()[1])
                .isCloseTo(0.999, within(0.002));
        // Deterministic.
        assertThat(Pca2d.project(x, n, d).x()).containsExactly(p.x());
    }

    @Test
    void sampleIsDeterministicSortedAndCapped() {
        int[] s = EmbeddingProjection.sample(10_000, 2000);
        assertThat(s).hasSize(2000).isSorted().doesNotHaveDuplicates();
        assertThat(s[s.length - 1]).isLessThan(10_000);
        assertThat(EmbeddingProjection.sample(10_000, 2000)).containsExactly(s);
        assertThat(EmbeddingProjection.sample(5, 2000)).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void constantFeaturesGiveZeroVariance() {
        Pca2d.Projection p = Pca2d.project(new float[] {1, 1, 1, 1, 1, 1}, 3, 2);
        assertThat(p.explainedVarianceRatio()).containsExactly(0, 0);
        assertThat(p.x()).containsOnly(0f);
    }

    private static double correlation(float[] x, double[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= x.length;
        my /= y.length;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
