package dev.simclr.augment;

import java.util.Arrays;

/**
 * A decoded 8-bit image: {@code height × width × channels} bytes in row-major HWC order. Grey images have one channel,
 * colour images three (alpha is dropped on decode).
 *
 * @param width width in pixels, ≥ 1
 * @param height height in pixels, ≥ 1
 * @param channels 1 (grey) or 3 (RGB)
 * @param pixels uint8 samples, length {@code width * height * channels}; not copied
 */
public record DecodedImage(int width, int height, int channels, byte[] pixels) {

    /** Validates the shape; throws {@link IllegalArgumentException} with the reason. */
    public DecodedImage {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        if (pixels == null) {
            throw new IllegalArgumentException("pixels must not be null");
        }
        long expected = (long) width * height * channels;
        if (pixels.length != expected) {
            throw new IllegalArgumentException("pixels length " + pixels.length + " does not match " + width + "x"
                    + height + "x" + channels + " = " + expected);
        }
    }

    /** Sample at row {@code y}, column {@code x}, channel {@code c}, as 0..255. */
    public int sample(int y, int x, int c) {
        return pixels[(y * width + x) * channels + c] & 0xFF;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DecodedImage d
                && d.width == width
                && d.height == height
                && d.channels == channels
                && Arrays.equals(d.pixels, pixels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * width + height) + channels) + Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "DecodedImage[" + width + "x" + height + "x" + channels + "]";
    }
}
