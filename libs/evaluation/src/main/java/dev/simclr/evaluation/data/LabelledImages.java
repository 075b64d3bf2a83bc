package dev.simclr.evaluation.data;

import java.util.Arrays;

/**
 * One split of an evaluation set: {@code count} preprocessed uint8 images in one compact NHWC array, and their labels.
 * Arrays are shared, not copied (an eval set can be hundreds of MB); treat them as read-only.
 */
public final class LabelledImages {

    private final int count;
    private final int height;
    private final int width;
    private final int channels;
    private final byte[] pixels;
    private final int[] labels;

    /**
     * Wraps a split.
     *
     * @param height image height, {@code >= 1}
     * @param width image width, {@code >= 1}
     * @param channels 1 or 3
     * @param pixels {@code labels.length * height * width * channels} bytes, NHWC
     * @param labels class labels, {@code >= 0}, one per image, at least one image
     * @throws IllegalArgumentException with the reason when sizes disagree or a label is negative
     */
    public LabelledImages(int height, int width, int channels, byte[] pixels, int[] labels) {
        if (height < 1 || width < 1 || (channels != 1 && channels != 3)) {
            throw new IllegalArgumentException(
                    "images must be >= 1x1 with 1 or 3 channels, got " + height + "x" + width + "x" + channels);
        }
        if (pixels == null || labels == null) {
            throw new IllegalArgumentException("images need pixels and labels");
        }
        if (labels.length == 0) {
            throw new IllegalArgumentException("a split needs at least one image");
        }
        long expected = (long) labels.length * height * width * channels;
        if (pixels.length != expected) {
            throw new IllegalArgumentException(labels.length + " images of " + height + "x" + width + "x" + channels
                    + " need " + expected + " bytes, got " + pixels.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException("label of image " + i + " is negative: " + labels[i]);
            }
        }
        this.count = labels.length;
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.pixels = pixels;
        this.labels = labels;
    }

    public int count() {
        return count;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public int channels() {
        return channels;
    }

    /** Bytes per image. */
    public int imageBytes() {
        return height * width * channels;
    }

    /** All images, NHWC uint8 (shared). */
    public byte[] pixels() {
        return pixels;
    }

    /** All labels (shared). */
    public int[] labels() {
        return labels;
    }

    /** Largest label, {@code >= 0}. */
    public int maxLabel() {
        return Arrays.stream(labels).max().orElse(0);
    }

    /**
     * {@code count * imageBytes} as an array size.
     *
     * @throws EvalSetException when the split would not fit one Java array (2 GiB)
     */
    public static int totalBytes(int count, int imageBytes, String what) {
        long total = (long) count * imageBytes;
        if (total > Integer.MAX_VALUE - 8) {
            throw new EvalSetException(what + ": " + count + " images of " + imageBytes
                    + " bytes need " + total + " bytes, more than one array holds (2 GiB); use a smaller "
                    + "input size or fewer images");
        }
        return (int) total;
    }

    /** The first {@code n} images (copied); this split itself when {@code n >= count}. */
    public LabelledImages first(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a subset needs at least one image, got " + n);
        }
        if (n >= count) {
            return this;
        }
        return new LabelledImages(
                height, width, channels, Arrays.copyOf(pixels, n * imageBytes()), Arrays.copyOf(labels, n));
    }
}
