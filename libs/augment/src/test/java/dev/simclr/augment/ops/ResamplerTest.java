package dev.simclr.augment.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simclr.augment.DecodedImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ResamplerTest {

    private final Workspace ws = new Workspace();

    @Test
    void constantImageStaysConstantAtAnyScale() {
        byte[] px = new byte[50 * 40 * 3];
        java.util.Arrays.fill(px, (byte) 137);
        DecodedImage img = new DecodedImage(50, 40, 3, px);
        for (int size : new int[] {7, 32, 96}) {
            byte[] out = new byte[size * size * 3];
            new RandomResizedCrop(size, 1, 1, 1, 1, true).resize(img, new CropBox(3, 5, 31, 27), false, out, ws);
            for (byte b : out) {
                assertThat(b & 0xFF).isEqualTo(137);
            }
        }
    }

    @Test
    void sameSizeCropIsAnExactCopy() {
        byte[] px = new byte[20 * 20];
        new Random(1).nextBytes(px);
        DecodedImage img = new DecodedImage(20, 20, 1, px);
        byte[] out = new byte[8 * 8];
        new RandomResizedCrop(8, 1, 1, 1, 1, true).resize(img, new CropBox(4, 6, 8, 8), false, out, ws);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                assertThat(out[y * 8 + x]).isEqualTo(px[(4 + y) * 20 + 6 + x]);
            }
        }
    }

    @Test
    void upscalingARampStaysMonotoneAndInRange() {
        byte[] px = new byte[8];
        for (int x = 0; x < 8; x++) {
            px[x] = (byte) (x * 30);
        }
        DecodedImage img = new DecodedImage(8, 1, 1, px);
        Resampler.Coefficients c = Resampler.coefficients(8, 32, true, ws, 0);
        for (int i = 0; i < 32; i++) {
            long sum = 0;
            for (int t = 0; t < c.count()[i]; t++) {
                sum += c.weights()[i * c.stride() + t];
            }
            assertThat(sum).isCloseTo(1L << Resampler.PRECISION_BITS, org.assertj.core.api.Assertions.within(4L));
        }
        byte[] out = new byte[32 * 32];
        new RandomResizedCrop(32, 1, 1, 1, 1, true).resize(img, new CropBox(0, 0, 1, 8), false, out, ws);
        for (int x = 1; x < 32; x++) {
            assertThat(out[x] & 0xFF).isGreaterThanOrEqualTo(out[x - 1] & 0xFF);
        }
        assertThat(out[0] & 0xFF).isEqualTo(0);
        assertThat(out[31] & 0xFF).isEqualTo(210);
    }

    @Test
    void antialiasingAveragesFineStripesWhenShrinking() {
        int w = 96;
        byte[] px = new byte[w * w];
        for (int y = 0; y < w; y++) {
            for (int x = 0; x < w; x++) {
                px[y * w + x] = (byte) (x % 2 == 0 ? 0 : 255);
            }
        }
        DecodedImage img = new DecodedImage(w, w, 1, px);
        CropBox all = new CropBox(0, 0, w, w);
        byte[] smooth = new byte[32 * 32];
        new RandomResizedCrop(32, 1, 1, 1, 1, true).resize(img, all, false, smooth, ws);
        byte[] sharp = new byte[32 * 32];
        new RandomResizedCrop(32, 1, 1, 1, 1, false).resize(img, all, false, sharp, ws);
        for (int i = 0; i < smooth.length; i++) {
            assertThat(smooth[i] & 0xFF).isBetween(70, 185);
            assertThat(sharp[i] & 0xFF).isIn(0, 255);
        }
    }

    @Test
    void mirroredResizeEqualsResizeThenFlip() {
        byte[] px = new byte[60 * 45 * 3];
        new Random(2).nextBytes(px);
        DecodedImage img = new DecodedImage(60, 45, 3, px);
        CropBox box = new CropBox(5, 7, 33, 41);
        RandomResizedCrop crop = new RandomResizedCrop(24, 1, 1, 1, 1, true);
        byte[] a = new byte[24 * 24 * 3];
        byte[] b = new byte[24 * 24 * 3];
        crop.resize(img, box, true, a, ws);
        crop.resize(img, box, false, b, ws);
        HorizontalFlip.apply(b, 24, 24, 3);
        assertThat(a).isEqualTo(b);
    }
}
