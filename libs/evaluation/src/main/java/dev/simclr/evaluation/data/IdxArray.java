package dev.simclr.evaluation.data;

import java.util.Arrays;

/**
 * The content of an IDX file of unsigned bytes: dimensions and row-major data.
 *
 * @see IdxReader
 */
public final class IdxArray {

  private final String source;
  private final int[] dims;
  private final byte[] data;

  IdxArray(String source, int[] dims, byte[] data) {
    this.source = source;
    this.dims = dims.clone();
    this.data = data;
  }

  /** Where it was read from (for error messages). */
  public String source() {
    return source;
  }

  /** The dimensions, outermost first (e.g. {@code [60000, 28, 28]}). */
  public int[] dims() {
    return dims.clone();
  }

  /** The number of items (the first dimension). */
  public int count() {
    return dims[0];
  }

  /** The data, row-major, unsigned bytes (shared). */
  public byte[] data() {
    return data;
  }

  /**
   * Checks the rank.
   *
   * @throws EvalSetException when the file has another number of dimensions
   */
  public IdxArray requireRank(int rank, String meaning) {
    if (dims.length != rank) {
      throw new EvalSetException(source + ": expected " + rank + " dimensions (" + meaning
          + "), got " + dims.length + " " + Arrays.toString(dims));
    }
    return this;
  }
}
