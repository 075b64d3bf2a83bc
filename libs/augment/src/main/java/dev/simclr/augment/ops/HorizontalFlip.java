package dev.simclr.augment.ops;

/**
 * Mirrors an HWC image left-to-right in place. {@code SimClrPolicy} folds the flip into the resize; this is the
 * standalone op.
 */
public final class HorizontalFlip {

    private HorizontalFlip() {}

    /** Mirrors {@code px} ({@code width × height × channels}) in place. */
    public static void apply(byte[] px, int width, int height, int channels) {
        for (int y = 0; y < height; y++) {
            int row = y * width * channels;
            for (int a = 0, b = width - 1; a < b; a++, b--) {
                int pa = row + a * channels;
                int pb = row + b * channels;
                for (int c = 0; c < channels; c++) {
                    byte t = px[pa + c];
                    px[pa + c] = px[pb + c];
                    px[pb + c] = t;
                }
            }
        }
    }
}
