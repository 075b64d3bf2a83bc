package dev.simclr.onnx;

import java.util.Locale;

/**
 * How an image is brought to the encoder's input size; the same two modes, with the same pixel
 * results, as {@code dev.simclr.evaluation.data.ResizeMode} (the evaluator's preprocessing).
 */
public enum ResizeMode {
  /** Centre on a black canvas of the input size; never scales (a larger image is an error). */
  PAD,
  /** Antialiased bilinear resampling (half-pixel centres, PIL-style triangle filter). */
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
