package dev.simclr.augment.ops;

/**
 * A crop rectangle in source pixels.
 *
 * @param top first row
 * @param left first column
 * @param height rows, ≥ 1
 * @param width columns, ≥ 1
 */
public record CropBox(int top, int left, int height, int width) {

    /** Validates that the box is non-empty. */
    public CropBox {
        if (height < 1 || width < 1 || top < 0 || left < 0) {
            throw new IllegalArgumentException("invalid crop box " + top + "," + left + " " + width + "x" + height);
        }
    }

    /** Width / height. */
    public double aspect() {
        return (double) width / height;
    }
}
