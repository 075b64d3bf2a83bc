package dev.simclr.augment.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ColorJitterTest {

    private final int[] lut = new int[256];

    @Test
    void factorsStayInTheirRangesAndFillThem() {
        ColorJitter jitter = ColorJitter.ofStrength(1.0);
        SplittableRandom rng = new SplittableRandom(1);
        double[] min = {9, 9, 9, 9};
        double[] max = {-9, -9, -9, -9};
        int[] firstOp = new int[4];
        for (int i = 0; i < 20_000; i++) {
            ColorJitter.Params p = jitter.sample(rng);
            double[] f = {p.brightness(), p.contrast(), p.saturation(), p.hue()};
            for (int k = 0; k < 4; k++) {
                min[k] = Math.min(min[k], f[k]);
                max[k] = Math.max(max[k], f[k]);
            }
            assertThat(Arrays.stream(p.order()).sorted().toArray()).containsExactly(0, 1, 2, 3);
            firstOp[p.order()[0]]++;
        }
        for (int k = 0; k < 3; k++) {
            assertThat(min[k]).isBetween(0.2, 0.21);
            assertThat(max[k]).isBetween(1.79, 1.8);
        }
        assertThat(min[3]).isBetween(-0.2, -0.199);
        assertThat(max[3]).isBetween(0.199, 0.2);
        for (int count : firstOp) {
            assertThat(count).isBetween(4500, 5500); // each op first about a quarter of the time
        }
        ColorJitter.Params none = new ColorJitter(0, 0, 0, 0).sample(rng);
        assertThat(none.brightness()).isNaN();
        assertThat(none.hue()).isNaN();
    }

    @Test
    void brightnessMultipliesAndClamps() {
        byte[] px = {0, 10, 100, (byte) 200};
        ColorJitter.apply(px, 4, 1, params(ColorJitter.BRIGHTNESS, 1.5), lut);
        assertThat(px).containsExactly(0, 15, (byte) 150, (byte) 255);
        byte[] dark = {10, 100};
        ColorJitter.apply(dark, 2, 1, params(ColorJitter.BRIGHTNESS, 0.0), lut);
        assertThat(dark).containsExactly(0, 0);
    }

    @Test
    void contrastBlendsWithTheMeanLuma() {
        byte[] px = {(byte) 255, 0, 0, 0, 0, (byte) 255};
        int mean = ColorJitter.meanLuma(px, 2, 3);
        assertThat(mean).isEqualTo((76 + 29 + 1) / 2);
        byte[] flat = px.clone();
        ColorJitter.apply(flat, 2, 3, params(ColorJitter.CONTRAST, 0.0), lut);
        for (byte b : flat) {
            assertThat(b & 0xFF).isEqualTo(mean);
        }
        byte[] same = px.clone();
        ColorJitter.apply(same, 2, 3, params(ColorJitter.CONTRAST, 1.0), lut);
        assertThat(same).isEqualTo(px);
    }

    @Test
    void saturationBlendsWithEachPixelsLuma() {
        byte[] px = {(byte) 200, 50, 10};
        int l = Grayscale.luma(200, 50, 10);
        byte[] grey = px.clone();
        ColorJitter.apply(grey, 1, 3, params(ColorJitter.SATURATION, 0.0), lut);
        assertThat(grey).containsExactly(l, l, l);
        byte[] same = px.clone();
        ColorJitter.apply(same, 1, 3, params(ColorJitter.SATURATION, 1.0), lut);
        assertThat(same).isEqualTo(px);
        byte[] vivid = px.clone();
        ColorJitter.apply(vivid, 1, 3, params(ColorJitter.SATURATION, 1.5), lut);
        assertThat(vivid[0] & 0xFF).isGreaterThan(200);
        assertThat(vivid[2] & 0xFF).isLessThan(10);
    }

    @Test
    void hueRotatesAroundTheColourCircle() {
        byte[] red = {(byte) 255, 0, 0};
        ColorJitter.apply(red, 1, 3, params(ColorJitter.HUE, 1.0 / 3), lut);
        assertThat(red).containsExactly(0, (byte) 255, 0);
        byte[] red2 = {(byte) 255, 0, 0};
        ColorJitter.apply(red2, 1, 3, params(ColorJitter.HUE, -1.0 / 3), lut);
        assertThat(red2).containsExactly(0, 0, (byte) 255);
        byte[] orange = {(byte) 255, (byte) 128, 0};
        ColorJitter.apply(orange, 1, 3, params(ColorJitter.HUE, 0.5), lut);
        assertThat(orange).containsExactly(0, (byte) 127, (byte) 255); // complement: hue + 180°
        byte[] grey = {90, 90, 90};
        ColorJitter.apply(grey, 1, 3, params(ColorJitter.HUE, 0.3), lut);
        assertThat(grey).containsExactly(90, 90, 90);
    }

    @Test
    void hueKeepsMaxAndMinAndZeroShiftIsIdentity() {
        byte[] px = new byte[3 * 5000];
        new Random(5).nextBytes(px);
        byte[] same = px.clone();
        ColorJitter.apply(same, 5000, 3, params(ColorJitter.HUE, 0.0), lut);
        assertThat(same).isEqualTo(px);
        byte[] shifted = px.clone();
        ColorJitter.apply(shifted, 5000, 3, params(ColorJitter.HUE, 0.13), lut);
        for (int i = 0; i < 5000; i++) {
            int p = 3 * i;
            assertThat(max(shifted, p)).isEqualTo(max(px, p));
            assertThat(min(shifted, p)).isEqualTo(min(px, p));
        }
    }

    @Test
    void hueRotationAgreesWithAwtHsb() {
        Random r = new Random(6);
        for (int i = 0; i < 5000; i++) {
            int red = r.nextInt(256);
            int green = r.nextInt(256);
            int blue = r.nextInt(256);
            double turns = r.nextDouble() - 0.5;
            byte[] px = {(byte) red, (byte) green, (byte) blue};
            ColorJitter.apply(px, 1, 3, params(ColorJitter.HUE, turns), lut);
            float[] hsb = java.awt.Color.RGBtoHSB(red, green, blue, null);
            java.awt.Color expected =
                    new java.awt.Color(java.awt.Color.HSBtoRGB(hsb[0] + (float) turns, hsb[1], hsb[2]));
            assertThat(px[0] & 0xFF).isCloseTo(expected.getRed(), within(2));
            assertThat(px[1] & 0xFF).isCloseTo(expected.getGreen(), within(2));
            assertThat(px[2] & 0xFF).isCloseTo(expected.getBlue(), within(2));
        }
    }

    @Test
    void saturationAndHueLeaveGreyImagesAlone() {
        byte[] px = {1, 50, (byte) 250};
        byte[] copy = px.clone();
        ColorJitter.apply(
                copy, 3, 1, new ColorJitter.Params(new int[] {2, 3, 0, 1}, Double.NaN, Double.NaN, 0.0, 0.4), lut);
        assertThat(copy).isEqualTo(px);
    }

    @Test
    void meanLumaOfGreyIsTheRoundedMean() {
        assertThat(ColorJitter.meanLuma(new byte[] {0, 1}, 2, 1)).isEqualTo(1);
        assertThat(ColorJitter.meanLuma(new byte[] {0, 0, 1}, 3, 1)).isZero();
        assertThat((double) ColorJitter.meanLuma(new byte[] {10, 20, 31}, 3, 1)).isCloseTo(20.33, within(0.5));
    }

    private static ColorJitter.Params params(int op, double factor) {
        double[] f = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        f[op] = factor;
        return new ColorJitter.Params(new int[] {op, (op + 1) % 4, (op + 2) % 4, (op + 3) % 4}, f[0], f[1], f[2], f[3]);
    }

    private static int max(byte[] px, int p) {
        return Math.max(px[p] & 0xFF, Math.max(px[p + 1] & 0xFF, px[p + 2] & 0xFF));
    }

    private static int min(byte[] px, int p) {
        return Math.min(px[p] & 0xFF, Math.min(px[p + 1] & 0xFF, px[p + 2] & 0xFF));
    }
}
