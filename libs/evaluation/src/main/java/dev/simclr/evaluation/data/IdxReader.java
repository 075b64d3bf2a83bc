package dev.simclr.evaluation.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Strict reader of IDX files (the MNIST / Fashion-MNIST format), gzip-compressed or plain (detected
 * by the gzip magic). Layout, big-endian: {@code 0x00 0x00 type ndims}, {@code ndims} int32
 * dimensions, then exactly {@code product(dims)} elements. Only unsigned-byte data ({@code type =
 * 0x08}) is accepted. Every deviation — bad magic, another element type, zero or negative
 * dimensions, truncated header or data, trailing bytes, a corrupt gzip stream — is an {@link
 * EvalSetException} naming the file and the reason.
 */
public final class IdxReader {

  /** Most dimensions accepted. */
  public static final int MAX_DIMS = 4;

  private static final int UNSIGNED_BYTE = 0x08;

  private IdxReader() {}

  /**
   * Reads an IDX file.
   *
   * @throws EvalSetException when the file is missing, unreadable or malformed
   */
  public static IdxArray read(Path file) {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      raw.mark(2);
      int b0 = raw.read();
      int b1 = raw.read();
      raw.reset();
      boolean gzip = b0 == 0x1f && b1 == 0x8b;
      InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
      return read(in, file.toString());
    } catch (NoSuchFileException e) {
      throw new EvalSetException(file + ": no such file");
    } catch (ZipException e) {
      throw new EvalSetException(file + ": corrupt gzip stream (" + e.getMessage() + ")");
    } catch (IOException e) {
      throw new EvalSetException(file + ": cannot read (" + e + ")", e);
    }
  }

  /**
   * Reads an IDX stream (already decompressed) to its end.
   *
   * @param source a name for error messages
   * @throws EvalSetException when the content is malformed or the stream fails
   */
  public static IdxArray read(InputStream in, String source) {
    try {
      byte[] magic = readFully(in, 4, source, "header");
      if (magic[0] != 0 || magic[1] != 0) {
        throw new EvalSetException(source + ": bad magic " + hex(magic)
            + " (an IDX file starts with 0x00 0x00 type ndims)");
      }
      int type = magic[2] & 0xFF;
      if (type != UNSIGNED_BYTE) {
        throw new EvalSetException(source + ": unsupported element type 0x"
            + String.format("%02x", type) + " (" + typeName(type)
            + "); only 0x08 (unsigned byte) is supported");
      }
      int ndims = magic[3] & 0xFF;
      if (ndims < 1 || ndims > MAX_DIMS) {
        throw new EvalSetException(source + ": number of dimensions must be 1.." + MAX_DIMS
            + ", got " + ndims);
      }
      byte[] header = readFully(in, 4 * ndims, source, "dimensions");
      int[] dims = new int[ndims];
      long total = 1;
      for (int i = 0; i < ndims; i++) {
        dims[i] = ((header[4 * i] & 0xFF) << 24) | ((header[4 * i + 1] & 0xFF) << 16)
            | ((header[4 * i + 2] & 0xFF) << 8) | (header[4 * i + 3] & 0xFF);
        if (dims[i] <= 0) {
          throw new EvalSetException(source + ": dimension " + i + " must be >= 1, got "
              + Integer.toUnsignedString(dims[i]) + (dims[i] < 0 ? " (negative as int32)" : ""));
        }
        total *= dims[i];
        if (total > Integer.MAX_VALUE - 8) {
          throw new EvalSetException(source + ": data too large (" + total
              + "+ bytes; at most " + (Integer.MAX_VALUE - 8) + ")");
        }
      }
      byte[] data = readData(in, (int) total, source);
      if (in.read() != -1) {
        throw new EvalSetException(source + ": trailing bytes after the " + total
            + " data bytes the dimensions announce");
      }
      return new IdxArray(source, dims, data);
    } catch (EOFException e) {
      throw new EvalSetException(source + ": truncated gzip stream (" + e.getMessage() + ")");
    } catch (ZipException e) {
      throw new EvalSetException(source + ": corrupt gzip stream (" + e.getMessage() + ")");
    } catch (IOException e) {
      throw new EvalSetException(source + ": cannot read (" + e + ")", e);
    }
  }

  private static byte[] readFully(InputStream in, int n, String source, String what)
      throws IOException {
    byte[] buf = in.readNBytes(n);
    if (buf.length < n) {
      throw new EvalSetException(source + ": truncated " + what + ": expected " + n
          + " bytes, got " + buf.length);
    }
    return buf;
  }

  private static byte[] readData(InputStream in, int n, String source) throws IOException {
    byte[] data = new byte[n];
    int read = in.readNBytes(data, 0, n);
    if (read < n) {
      throw new EvalSetException(source + ": truncated data: the dimensions announce " + n
          + " bytes, got " + read);
    }
    return data;
  }

  private static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder("0x");
    for (byte b : bytes) {
      sb.append(String.format("%02x", b & 0xFF));
    }
    return sb.toString();
  }

  private static String typeName(int type) {
    return switch (type) {
      case 0x09 -> "signed byte";
      case 0x0B -> "int16";
      case 0x0C -> "int32";
      case 0x0D -> "float32";
      case 0x0E -> "float64";
      default -> "unknown";
    };
  }
}
