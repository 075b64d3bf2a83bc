package dev.simclr.augment.ops;

import java.util.SplittableRandom;

/**
 * torchvision's {@code ColorJitter} on uint8 HWC pixels: a random order of brightness, contrast, saturation and hue,
 * each with a factor drawn uniformly from its range ({@code [max(0, 1 - x), 1 + x]}, hue {@code [-h, h]}). Brightness
 * multiplies; contrast blends with the (integer-rounded) mean luma; saturation blends with each pixel's luma; hue
 * rotates in HSV keeping each pixel's max and min. Pillow truncates blends, this rounds to nearest. Saturation and hue
 * leave one-channel images unchanged, as torchvision does for mode "L".
 */
public final class ColorJitter {

    /** Order indices. */
    public static final int BRIGHTNESS = 0;
    /** Order indices. */
    public static final int CONTRAST = 1;
    /** Order indices. */
    public static final int SATURATION = 2;
    /** Order indices. */
    public static final int HUE = 3;

    /**
     * One draw: the order of the four ops and their factors ({@code NaN} for a disabled op).
     *
     * @param order a permutation of {@link #BRIGHTNESS}, {@link #CONTRAST}, {@link #SATURATION}, {@link #HUE}
     * @param brightness multiplier ≥ 0
     * @param contrast blend factor ≥ 0
     * @param saturation blend factor ≥ 0
     * @param hue rotation in turns, in [-0.5, 0.5]
     */
    public record Params(int[] order, double brightness, double contrast, double saturation, double hue) {}

    private final double brightness;
    private final double contrast;
    private final double saturation;
    private final double hue;

    /**
     * Ranges as in torchvision: each of b, c, s ≥ 0 gives {@code [max(0, 1-x), 1+x]}; hue in [0, 0.5] gives {@code [-h,
     * h]}.
     */
    public ColorJitter(double brightness, double contrast, double saturation, double hue) {
        if (!(brightness >= 0 && contrast >= 0 && saturation >= 0)) {
            throw new IllegalArgumentException("jitter brightness/contrast/saturation must be ≥ 0");
        }
        if (!(hue >= 0 && hue <= 0.5)) {
            throw new IllegalArgumentException("jitter hue must be in [0, 0.5], got " + hue);
        }
        this.brightness = brightness;
        this.contrast = contrast;
        this.saturation = saturation;
        this.hue = hue;
    }

    /** SimCLR's jitter for strength {@code s}: 0.8·s, 0.8·s, 0.8·s, 0.2·s. */
    public static ColorJitter ofStrength(double s) {
        return new ColorJitter(0.8 * s, 0.8 * s, 0.8 * s, 0.2 * s);
    }

    /** Draws the order (always) then the factor of each enabled op, in the order b, c, s, h. */
    public Params sample(SplittableRandom rng) {
        int[] order = {0, 1, 2, 3};
        for (int i = 3; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        double b = brightness > 0
                ? RandomResizedCrop.uniform(rng, Math.max(0, 1 - brightness), 1 + brightness)
                : Double.NaN;
        double c = contrast > 0 ? RandomResizedCrop.uniform(rng, Math.max(0, 1 - contrast), 1 + contrast) : Double.NaN;
        double s = saturation > 0
                ? RandomResizedCrop.uniform(rng, Math.max(0, 1 - saturation), 1 + saturation)
                : Double.NaN;
        double h = hue > 0 ? RandomResizedCrop.uniform(rng, -hue, hue) : Double.NaN;
        return new Params(order, b, c, s, h);
    }

    /** Applies {@code p} in place to the first {@code pixels} pixels of {@code px} with {@code channels} 1 or 3. */
    public static void apply(byte[] px, int pixels, int channels, Params p, int[] lut) {
        for (int op : p.order()) {
            switch (op) {
                case BRIGHTNESS -> {
                    if (!Double.isNaN(p.brightness())) {
                        applyLut(px, pixels * channels, blendLut(lut, 0, p.brightness()));
                    }
                }
                case CONTRAST -> {
                    if (!Double.isNaN(p.contrast())) {
                        applyLut(px, pixels * channels, blendLut(lut, meanLuma(px, pixels, channels), p.contrast()));
                    }
                }
                case SATURATION -> {
                    if (!Double.isNaN(p.saturation()) && channels == 3) {
                        saturate(px, pixels, p.saturation());
                    }
                }
                default -> {
                    if (!Double.isNaN(p.hue()) && channels == 3) {
                        rotateHue(px, pixels, p.hue());
                    }
                }
            }
        }
    }

    /** {@code lut[v] = round(base + f (v - base))} clamped to 0..255. */
    static int[] blendLut(int[] lut, int base, double f) {
        for (int v = 0; v < 256; v++) {
            int r = (int) Math.floor(base + f * (v - base) + 0.5);
            lut[v] = r < 0 ? 0 : Math.min(r, 255);
        }
        return lut;
    }

    private static void applyLut(byte[] px, int n, int[] lut) {
        for (int i = 0; i < n; i++) {
            px[i] = (byte) lut[px[i] & 0xFF];
        }
    }

    /** Mean luma rounded to an integer, as Pillow's {@code ImageEnhance.Contrast} computes it. */
    static int meanLuma(byte[] px, int pixels, int channels) {
        long sum = 0;
        if (channels == 1) {
            for (int i = 0; i < pixels; i++) {
                sum += px[i] & 0xFF;
            }
        } else {
            for (int i = 0, p = 0; i < pixels; i++, p += 3) {
                sum += Grayscale.luma(px[p] & 0xFF, px[p + 1] & 0xFF, px[p + 2] & 0xFF);
            }
        }
        return (int) ((2 * sum + pixels) / (2L * pixels));
    }

    /** Blends every RGB pixel with its own luma: {@code l + f (c - l)}, f in 12-bit fixed point. */
    static void saturate(byte[] px, int pixels, double f) {
        int fq = (int) Math.round(f * 4096);
        for (int i = 0, p = 0; i < pixels; i++, p += 3) {
            int r = px[p] & 0xFF;
            int g = px[p + 1] & 0xFF;
            int b = px[p + 2] & 0xFF;
            int l = Grayscale.luma(r, g, b);
            px[p] = clamp(l + ((fq * (r - l) + 2048) >> 12));
            px[p + 1] = clamp(l + ((fq * (g - l) + 2048) >> 12));
            px[p + 2] = clamp(l + ((fq * (b - l) + 2048) >> 12));
        }
    }

    /**
     * Rotates hue by {@code turns} (fraction of the colour circle) keeping value (max) and chroma {@code d = max -
     * min}, in integers: the hue is held as {@code hd ∈ [0, 6d)} (sixths of the circle scaled by d, exact for 8-bit
     * input), shifted by {@code round(6 · turns · d)}, and each channel n ∈ {5, 3, 1} (R, G, B) becomes {@code max -
     * clamp(min(k, 4d - k), 0, d)} with {@code k = (hd + n d) mod 6d}, the usual HSV-to-RGB triangle without per-sector
     * branches.
     */
    static void rotateHue(byte[] px, int pixels, double turns) {
        int shiftQ = (int) Math.round(turns * 6.0 * 65536);
        if (shiftQ < 0) {
            shiftQ += 6 * 65536;
        }
        for (int i = 0, p = 0; i < pixels; i++, p += 3) {
            int r = px[p] & 0xFF;
            int g = px[p + 1] & 0xFF;
            int b = px[p + 2] & 0xFF;
            int max = Math.max(r, Math.max(g, b));
            int min = Math.min(r, Math.min(g, b));
            int d = max - min;
            int six = 6 * d;
            int hd = r == max ? g - b : g == max ? 2 * d + b - r : 4 * d + r - g;
            hd += (shiftQ * d + 32768) >> 16;
            hd = hd < 0 ? hd + six : hd;
            hd = hd >= six ? hd - six : hd;
            hd = hd >= six ? hd - six : hd;
            px[p] = (byte) (max - triangle(hd + 5 * d, d, six));
            px[p + 1] = (byte) (max - triangle(hd + 3 * d, d, six));
            px[p + 2] = (byte) (max - triangle(hd + d, d, six));
        }
    }

    /** {@code clamp(min(k, 4d - k), 0, d)} with {@code k} reduced mod {@code 6d} (k < 12d). */
    private static int triangle(int k, int d, int six) {
        int m = k >= six ? k - six : k;
        return Math.max(0, Math.min(d, Math.min(m, 4 * d - m)));
    }

    private static byte clamp(int v) {
        return (byte) (v < 0 ? 0 : Math.min(v, 255));
    }
}
