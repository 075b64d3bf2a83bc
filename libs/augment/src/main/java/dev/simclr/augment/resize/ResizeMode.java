package dev.simclr.augment.resize;

import java.util.Locale;

/** How an image is brought to the model's input height and width. */
public enum ResizeMode {
  /**
   * Centre the image on a zero (black) canvas of the input size; {@code (target - source) / 2}
   * rows/columns before, the rest after. Never scales: an image larger than the input is an error.
   * This is the Fashion-MNIST anchor's 28 → 32 preprocessing ({@code F.pad(x, (2, 2, 2, 2))}).
   */
  PAD,
  /**
   * Bilinear resampling to the input size (half-pixel centres; a triangle filter widened by the
   * scale factor when shrinking, i.e. antialiased like PIL's / torchvision's bilinear resize).
   */
  RESIZE;

  /** The lower-case name used in metadata and on the command line. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code pad} or {@code resize} (case-insensitive).
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static ResizeMode parse(String value) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    for (ResizeMode m : values()) {
      if (m.id().equals(v)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown resize mode '" + value + "': expected pad or resize");
  }
}
