package dev.simclr.launcher.images;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * An IDX file of unsigned bytes (the MNIST / Fashion-MNIST format), plain or gzip-compressed
 * (detected by its magic, not its name). Strict: magic {@code 00 00 08 ndims}, 1..4 dimensions of
 * at least 1, exactly the declared number of data bytes.
 *
 * @param source the file (for messages)
 * @param dims the dimensions, e.g. {@code [60000, 28, 28]}
 * @param data the values, row-major
 */
public record IdxFile(Path source, int[] dims, byte[] data) {

  private static final int UBYTE = 0x08;

  /** Reads and validates {@code file}. */
  public static IdxFile read(Path file) throws IOException {
    byte[] raw;
    try {
      raw = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IOException(file + ": no such file", e);
    }
    return parse(file, raw);
  }

  /** Parses IDX bytes (gzip allowed). */
  static IdxFile parse(Path source, byte[] raw) throws IOException {
    byte[] bytes = raw;
    if (raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
        bytes = in.readAllBytes();
      } catch (ZipException | java.io.EOFException e) {
        throw new IOException(source + ": corrupt gzip data (" + e.getMessage() + ")", e);
      }
    }
    if (bytes.length < 4) {
      throw new IOException(source + ": not an IDX file (" + bytes.length + " bytes)");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes);
    if (b.get() != 0 || b.get() != 0) {
      throw new IOException(source + ": not an IDX file (bad magic)");
    }
    int type = b.get() & 0xff;
    if (type != UBYTE) {
      throw new IOException(source + ": IDX data type 0x" + Integer.toHexString(type) + " is not supported (only unsigned bytes, 0x08)");
    }
    int ndims = b.get() & 0xff;
    if (ndims < 1 || ndims > 4) {
      throw new IOException(source + ": IDX files with " + ndims + " dimensions are not supported (1-4)");
    }
    if (bytes.length < 4 + 4 * ndims) {
      throw new IOException(source + ": IDX header truncated");
    }
    int[] dims = new int[ndims];
    long total = 1;
    for (int i = 0; i < ndims; i++) {
      dims[i] = b.getInt();
      if (dims[i] < 1) {
        throw new IOException(source + ": IDX dimension " + i + " is " + dims[i] + " (must be >= 1)");
      }
      total *= dims[i];
    }
    long have = bytes.length - 4L - 4L * ndims;
    if (have != total) {
      throw new IOException(source + ": IDX data " + (have < total ? "truncated" : "has trailing bytes") + ": expected "
          + total + " bytes, found " + have);
    }
    byte[] data = new byte[(int) total];
    b.get(data);
    return new IdxFile(source, dims, data);
  }

  /** The first dimension (number of items). */
  public int count() {
    return dims[0];
  }

  /** Bytes per item (product of the other dimensions). */
  public int itemSize() {
    int s = 1;
    for (int i = 1; i < dims.length; i++) {
      s *= dims[i];
    }
    return s;
  }
}
