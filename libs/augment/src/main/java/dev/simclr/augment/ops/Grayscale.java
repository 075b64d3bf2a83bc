package dev.simclr.augment.ops;

/**
 * ITU-R 601-2 luma, {@code L = 0.299 R + 0.587 G + 0.114 B}, in Pillow's 16-bit fixed point ({@code (19595 R + 38470 G
 * + 7471 B + 0x8000) >> 16}), which torchvision's PIL path uses.
 */
public final class Grayscale {

    /** Fixed-point weights (sum 65536). */
    public static final int WR = 19595;
    /** Fixed-point weights (sum 65536). */
    public static final int WG = 38470;
    /** Fixed-point weights (sum 65536). */
    public static final int WB = 7471;

    private Grayscale() {}

    /** Luma of one RGB pixel, 0..255. */
    public static int luma(int r, int g, int b) {
        return (r * WR + g * WG + b * WB + 0x8000) >> 16;
    }

    /** Replaces each RGB pixel of {@code px} (first {@code pixels} pixels) by its luma in all three channels. */
    public static void applyInPlace(byte[] px, int pixels) {
        for (int i = 0, p = 0; i < pixels; i++, p += 3) {
            byte l = (byte) luma(px[p] & 0xFF, px[p + 1] & 0xFF, px[p + 2] & 0xFF);
            px[p] = l;
            px[p + 1] = l;
            px[p + 2] = l;
        }
    }

    /** RGB → one channel luma. */
    public static void rgbToGrey(byte[] rgb, byte[] grey, int pixels) {
        for (int i = 0, p = 0; i < pixels; i++, p += 3) {
            grey[i] = (byte) luma(rgb[p] & 0xFF, rgb[p + 1] & 0xFF, rgb[p + 2] & 0xFF);
        }
    }

    /** One channel → RGB with three equal channels. */
    public static void greyToRgb(byte[] grey, byte[] rgb, int pixels) {
        for (int i = 0, p = 0; i < pixels; i++, p += 3) {
            byte v = grey[i];
            rgb[p] = v;
            rgb[p + 1] = v;
            rgb[p + 2] = v;
        }
    }
}
