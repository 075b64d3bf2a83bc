package dev.simclr.augment.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RandomResizedCropTest {

    private static final int DRAWS = 20_000;

    @Test
    void areaAndLogAspectAreUniformWhenNoAttemptIsRejected() {
        // scale ≤ 0.5 and ratio ≤ 4/3 on a square image: every first attempt fits
        RandomResizedCrop crop = new RandomResizedCrop(32, 0.08, 0.5, 3.0 / 4, 4.0 / 3, true);
        SplittableRandom rng = new SplittableRandom(1);
        double[] area = new double[DRAWS];
        double[] logAspect = new double[DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            CropBox b = crop.sample(1000, 1000, rng);
            assertInside(b, 1000, 1000);
            area[i] = (double) b.width() * b.height() / 1e6;
            logAspect[i] = Math.log(b.aspect());
        }
        double lo = Math.log(3.0 / 4);
        double hi = Math.log(4.0 / 3);
        assertThat(mean(area)).isCloseTo(0.29, within(0.006));
        assertThat(quantile(area, 0.25)).isCloseTo(0.185, within(0.01));
        assertThat(quantile(area, 0.75)).isCloseTo(0.395, within(0.01));
        assertThat(Arrays.stream(area).min().getAsDouble()).isGreaterThan(0.079);
        assertThat(Arrays.stream(area).max().getAsDouble()).isLessThan(0.502);
        assertThat(mean(logAspect)).isCloseTo(0.0, within(0.005));
        assertThat(quantile(logAspect, 0.25)).isCloseTo(lo + (hi - lo) / 4, within(0.01));
        assertThat(quantile(logAspect, 0.75)).isCloseTo(lo + 3 * (hi - lo) / 4, within(0.01));
        assertThat(Arrays.stream(logAspect).min().getAsDouble()).isGreaterThan(lo - 0.005);
        assertThat(Arrays.stream(logAspect).max().getAsDouble()).isLessThan(hi + 0.005);
    }

    @Test
    void defaultRangesStayWithinBoundsAndPositionsCoverTheImage() {
        RandomResizedCrop crop = new RandomResizedCrop(224, 0.08, 1.0, 3.0 / 4, 4.0 / 3, true);
        SplittableRandom rng = new SplittableRandom(2);
        double sumArea = 0;
        double sumCenterX = 0;
        for (int i = 0; i < DRAWS; i++) {
            CropBox b = crop.sample(500, 375, rng);
            assertInside(b, 500, 375);
            double a = (double) b.width() * b.height() / (500.0 * 375);
            assertThat(a).isBetween(0.075, 1.0);
            assertThat(b.aspect()).isBetween(0.74, 1.35);
            sumArea += a;
            sumCenterX += b.left() + b.width() / 2.0;
        }
        // accepted areas skew low (large crops are rejected more often), but stay well inside (0.08, 1)
        assertThat(sumArea / DRAWS).isBetween(0.40, 0.56);
        assertThat(sumCenterX / DRAWS).isCloseTo(250, within(3.0));
    }

    @Test
    void fallsBackToTheCentralCropAfterTenFailedAttempts() {
        RandomResizedCrop crop = new RandomResizedCrop(32, 0.08, 1.0, 3.0 / 4, 4.0 / 3, true);
        SplittableRandom rng = new SplittableRandom(3);
        assertThat(crop.sample(1000, 10, rng)).isEqualTo(new CropBox(0, 493, 10, 13));
        assertThat(crop.sample(10, 1000, rng)).isEqualTo(new CropBox(493, 0, 13, 10));
        assertThat(crop.centralCrop(40, 40)).isEqualTo(new CropBox(0, 0, 40, 40));
    }

    @Test
    void sameSeedSameBoxesDifferentSeedDifferentBoxes() {
        RandomResizedCrop crop = new RandomResizedCrop(32, 0.08, 1.0, 3.0 / 4, 4.0 / 3, true);
        SplittableRandom a = new SplittableRandom(7);
        SplittableRandom b = new SplittableRandom(7);
        SplittableRandom c = new SplittableRandom(8);
        int differ = 0;
        for (int i = 0; i < 100; i++) {
            CropBox x = crop.sample(300, 200, a);
            assertThat(crop.sample(300, 200, b)).isEqualTo(x);
            differ += crop.sample(300, 200, c).equals(x) ? 0 : 1;
        }
        assertThat(differ).isGreaterThan(95);
    }

    @Test
    void rejectsInvalidRanges() {
        assertThatThrownBy(() -> new RandomResizedCrop(32, 0, 1, 0.75, 1.33, true))
                .hasMessageContaining("crop scale");
        assertThatThrownBy(() -> new RandomResizedCrop(32, 0.5, 0.4, 0.75, 1.33, true))
                .hasMessageContaining("crop scale");
        assertThatThrownBy(() -> new RandomResizedCrop(32, 0.1, 1, 2, 1, true)).hasMessageContaining("crop ratio");
        assertThatThrownBy(() -> new RandomResizedCrop(0, 0.1, 1, 0.75, 1.33, true))
                .hasMessageContaining("size");
    }

    private static void assertInside(CropBox b, int w, int h) {
        assertThat(b.left()).isGreaterThanOrEqualTo(0);
        assertThat(b.top()).isGreaterThanOrEqualTo(0);
        assertThat(b.left() + b.width()).isLessThanOrEqualTo(w);
        assertThat(b.top() + b.height()).isLessThanOrEqualTo(h);
    }

    static double mean(double[] v) {
        return Arrays.stream(v).average().orElseThrow();
    }

    static double quantile(double[] v, double q) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[(int) (q * (s.length - 1))];
    }
}
