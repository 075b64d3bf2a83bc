package dev.simclr.augment.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GaussianBlurTest {

    private final Workspace ws = new Workspace();

    @Test
    void kernelIsNormalisedSymmetricAndMatchesTorchvision() {
        for (int size : new int[] {3, 9, 23}) {
            for (double sigma : new double[] {0.1, 0.7, 2.0}) {
                double[] k = GaussianBlur.kernel(size, sigma);
                assertThat(Arrays.stream(k).sum()).isCloseTo(1.0, within(1e-12));
                for (int i = 0; i < size; i++) {
                    assertThat(k[i]).isCloseTo(k[size - 1 - i], within(1e-15));
                    if (i > 0 && i <= size / 2) {
                        assertThat(k[i]).isGreaterThanOrEqualTo(k[i - 1]);
                    }
                }
                int[] q = GaussianBlur.fixedPointKernel(k);
                assertThat(Arrays.stream(q).sum()).isEqualTo(1 << GaussianBlur.KERNEL_BITS);
                assertThat(q.length % 2).isEqualTo(1);
                for (int i = 0; i < q.length; i++) {
                    assertThat(q[i]).isEqualTo(q[q.length - 1 - i]).isGreaterThanOrEqualTo(0);
                }
            }
        }
        // torchvision: x = linspace(-1, 1, 3), pdf = exp(-0.5 (x/σ)²), normalised
        double e = Math.exp(-0.5);
        assertThat(GaussianBlur.kernel(3, 1.0))
                .containsExactly(new double[] {e / (1 + 2 * e), 1 / (1 + 2 * e), e / (1 + 2 * e)}, within(1e-15));
    }

    @Test
    void kernelSizeIsTenPercentOfTheSideMadeOdd() {
        assertThat(GaussianBlur.kernelSizeFor(224)).isEqualTo(23);
        assertThat(GaussianBlur.kernelSizeFor(96)).isEqualTo(9);
        assertThat(GaussianBlur.kernelSizeFor(128)).isEqualTo(13);
        assertThat(GaussianBlur.kernelSizeFor(32)).isEqualTo(3);
        assertThatThrownBy(() -> GaussianBlur.kernel(4, 1.0)).hasMessageContaining("odd");
        assertThatThrownBy(() -> GaussianBlur.kernel(5, 0)).hasMessageContaining("sigma");
    }

    @Test
    void constantImageIsUnchangedAndTinySigmaIsIdentity() {
        byte[] flat = new byte[40 * 30 * 3];
        Arrays.fill(flat, (byte) 201);
        byte[] out = new byte[flat.length];
        GaussianBlur.apply(flat, out, 40, 30, 3, 23, 2.0, ws);
        assertThat(out).isEqualTo(flat);
        byte[] noise = new byte[40 * 30];
        new Random(3).nextBytes(noise);
        byte[] same = new byte[noise.length];
        GaussianBlur.apply(noise, same, 40, 30, 1, 9, 0.1, ws);
        assertThat(same).isEqualTo(noise);
    }

    @Test
    void impulseSpreadsSymmetricallyAndKeepsItsMass() {
        int w = 31;
        byte[] px = new byte[w * w];
        px[15 * w + 15] = (byte) 255;
        byte[] out = new byte[px.length];
        GaussianBlur.apply(px, out, w, w, 1, 9, 1.5, ws);
        int sum = 0;
        for (int y = 0; y < w; y++) {
            for (int x = 0; x < w; x++) {
                int v = out[y * w + x] & 0xFF;
                sum += v;
                assertThat(v).isEqualTo(out[x * w + y] & 0xFF); // transpose symmetry
                assertThat(v).isEqualTo(out[y * w + (w - 1 - x)] & 0xFF); // mirror symmetry
            }
        }
        assertThat(out[15 * w + 15] & 0xFF).isLessThan(255).isGreaterThan(10);
        assertThat(sum).isCloseTo(255, within(25));
    }

    @Test
    void blurLowersVarianceButKeepsTheMean() {
        byte[] px = new byte[64 * 64 * 3];
        new Random(4).nextBytes(px);
        byte[] out = new byte[px.length];
        GaussianBlur.apply(px, out, 64, 64, 3, 7, 1.2, ws);
        assertThat(mean(out)).isCloseTo(mean(px), within(1.0));
        assertThat(variance(out)).isLessThan(variance(px) / 4);
    }

    @Test
    void reflectMirrorsWithoutRepeatingTheEdge() {
        assertThat(GaussianBlur.reflect(-1, 5)).isEqualTo(1);
        assertThat(GaussianBlur.reflect(-2, 5)).isEqualTo(2);
        assertThat(GaussianBlur.reflect(5, 5)).isEqualTo(3);
        assertThat(GaussianBlur.reflect(6, 5)).isEqualTo(2);
        assertThat(GaussianBlur.reflect(3, 5)).isEqualTo(3);
        assertThat(GaussianBlur.reflect(-7, 3)).isBetween(0, 2);
        assertThat(GaussianBlur.reflect(4, 1)).isZero();
    }

    private static double mean(byte[] a) {
        double s = 0;
        for (byte b : a) {
            s += b & 0xFF;
        }
        return s / a.length;
    }

    private static double variance(byte[] a) {
        double m = mean(a);
        double s = 0;
        for (byte b : a) {
            s += ((b & 0xFF) - m) * ((b & 0xFF) - m);
        }
        return s / a.length;
    }
}
