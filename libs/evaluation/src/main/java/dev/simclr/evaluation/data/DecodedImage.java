package dev.simclr.evaluation.data;

/**
 * A decoded image as uint8 pixels in row-major HWC order, the currency between a decoder (for
 * example libs/augment's) and {@link Preprocessing}. The pixel array is shared, not copied.
 */
public final class DecodedImage {

  private final int width;
  private final int height;
  private final int channels;
  private final byte[] pixels;

  /**
   * Wraps decoded pixels.
   *
   * @param width image width, {@code >= 1}
   * @param height image height, {@code >= 1}
   * @param channels 1 (grey) or 3 (RGB)
   * @param pixels {@code height * width * channels} bytes, HWC, unsigned
   * @throws IllegalArgumentException when a size is out of range or the pixel count is wrong
   */
  public DecodedImage(int width, int height, int channels, byte[] pixels) {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("decoded image size must be >= 1x1, got " + width + "x"
          + height);
    }
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("decoded image must have 1 or 3 channels, got "
          + channels);
    }
    if (pixels == null) {
      throw new IllegalArgumentException("decoded image pixels are null");
    }
    long expected = (long) width * height * channels;
    if (pixels.length != expected) {
      throw new IllegalArgumentException("decoded image " + width + "x" + height + "x" + channels
          + " needs " + expected + " bytes, got " + pixels.length);
    }
    this.width = width;
    this.height = height;
    this.channels = channels;
    this.pixels = pixels;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public int channels() {
    return channels;
  }

  /** The HWC pixels (shared). */
  public byte[] pixels() {
    return pixels;
  }
}
