package dev.simclr.augment.idx;

import dev.simclr.augment.DecodedImage;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * An IDX file of unsigned bytes (the MNIST / Fashion-MNIST format), gzip-compressed or plain (detected by the gzip
 * magic, not the file name), read strictly. Layout, big-endian: {@code 0x00 0x00 type ndims}, {@code ndims} int32
 * dimensions, then exactly {@code product(dims)} elements. Only unsigned-byte data ({@code type = 0x08}) and
 * 1..{@value #MAX_DIMS} dimensions of at least 1 are accepted. Every deviation — a missing file, bad magic, another
 * element type, zero or negative dimensions, more data than an array holds, a truncated header or data, trailing bytes,
 * a corrupt or truncated gzip stream — is an {@link IOException} whose message names the file and the reason. Memory
 * grows with the bytes actually read, never with what a header announces.
 */
public final class IdxFile {

    /** Most dimensions accepted. */
    public static final int MAX_DIMS = 4;

    /** Most data bytes accepted (the largest Java array). */
    public static final int MAX_DATA_BYTES = Integer.MAX_VALUE - 8;

    private static final int UNSIGNED_BYTE = 0x08;

    private final String source;
    private final int[] dims;
    private final byte[] data;

    private IdxFile(String source, int[] dims, byte[] data) {
        this.source = source;
        this.dims = dims.clone();
        this.data = data;
    }

    /**
     * Reads an IDX file, plain or gzip.
     *
     * @throws IOException naming the file when it is missing, unreadable or malformed
     */
    public static IdxFile read(Path file) throws IOException {
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file", e);
        } catch (IOException e) {
            throw new IOException(file + ": cannot read (" + e + ")", e);
        }
        try (in) {
            return read(in, file.toString());
        }
    }

    /**
     * Reads an IDX stream, plain or gzip, to its end (the caller closes it).
     *
     * @param source a name for error messages
     * @throws IOException naming {@code source} when the content is malformed or the stream fails
     */
    public static IdxFile read(InputStream stream, String source) throws IOException {
        try {
            InputStream raw = new BufferedInputStream(stream, 1 << 16);
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            InputStream in = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(raw, 1 << 16) : raw;
            return parse(in, source);
        } catch (EOFException e) {
            throw new IOException(source + ": truncated gzip stream (" + e.getMessage() + ")", e);
        } catch (ZipException e) {
            throw new IOException(source + ": corrupt gzip stream (" + e.getMessage() + ")", e);
        } catch (Malformed e) {
            throw e;
        } catch (IOException e) {
            throw new IOException(source + ": cannot read (" + e + ")", e);
        }
    }

    private static IdxFile parse(InputStream in, String source) throws IOException {
        byte[] magic = readFully(in, 4, source, "header");
        if (magic[0] != 0 || magic[1] != 0) {
            throw new Malformed(
                    source + ": bad magic " + hex(magic) + " (an IDX file starts with 0x00 0x00 type ndims)");
        }
        int type = magic[2] & 0xFF;
        if (type != UNSIGNED_BYTE) {
            throw new Malformed(source + ": unsupported element type 0x" + String.format("%02x", type) + " ("
                    + typeName(type) + "); only 0x08 (unsigned byte) is supported");
        }
        int ndims = magic[3] & 0xFF;
        if (ndims < 1 || ndims > MAX_DIMS) {
            throw new Malformed(source + ": number of dimensions must be 1.." + MAX_DIMS + ", got " + ndims);
        }
        byte[] header = readFully(in, 4 * ndims, source, "dimensions");
        int[] dims = new int[ndims];
        long total = 1;
        for (int i = 0; i < ndims; i++) {
            dims[i] = ((header[4 * i] & 0xFF) << 24)
                    | ((header[4 * i + 1] & 0xFF) << 16)
                    | ((header[4 * i + 2] & 0xFF) << 8)
                    | (header[4 * i + 3] & 0xFF);
            if (dims[i] <= 0) {
                throw new Malformed(source + ": dimension " + i + " must be >= 1, got "
                        + Integer.toUnsignedString(dims[i]) + (dims[i] < 0 ? " (negative as int32)" : ""));
            }
            total *= dims[i];
            if (total > MAX_DATA_BYTES) {
                throw new Malformed(source + ": data too large (" + total + "+ bytes; at most " + MAX_DATA_BYTES + ")");
            }
        }
        // readNBytes(n) buffers what arrives, so a header announcing gigabytes allocates nothing
        byte[] data = in.readNBytes((int) total);
        if (data.length < total) {
            throw new Malformed(
                    source + ": truncated data: the dimensions announce " + total + " bytes, got " + data.length);
        }
        if (in.read() != -1) {
            throw new Malformed(source + ": trailing bytes after the " + total + " data bytes the dimensions announce");
        }
        return new IdxFile(source, dims, data);
    }

    private static byte[] readFully(InputStream in, int n, String source, String what) throws IOException {
        byte[] buf = in.readNBytes(n);
        if (buf.length < n) {
            throw new Malformed(source + ": truncated " + what + ": expected " + n + " bytes, got " + buf.length);
        }
        return buf;
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

    /** Bytes per item (the product of the other dimensions). */
    public int itemSize() {
        int s = 1;
        for (int i = 1; i < dims.length; i++) {
            s *= dims[i];
        }
        return s;
    }

    /** The data, row-major, unsigned bytes (shared, not copied). */
    public byte[] data() {
        return data;
    }

    /**
     * Checks the rank.
     *
     * @param meaning what the dimensions are, for the message (e.g. {@code count, rows, columns})
     * @throws IOException when the file has another number of dimensions
     */
    public IdxFile requireRank(int rank, String meaning) throws IOException {
        if (dims.length != rank) {
            throw new IOException(source + ": expected " + rank + " dimensions (" + meaning + "), got " + dims.length
                    + " " + Arrays.toString(dims));
        }
        return this;
    }

    /**
     * The first {@code limit} items of an image file (rank 3: count, rows, columns) as grey images.
     *
     * @throws IOException when the file is not of rank 3
     */
    public List<DecodedImage> greyImages(int limit) throws IOException {
        requireRank(3, "count, rows, columns");
        int rows = dims[1];
        int cols = dims[2];
        int n = Math.min(count(), limit);
        List<DecodedImage> images = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            images.add(
                    new DecodedImage(cols, rows, 1, Arrays.copyOfRange(data, i * rows * cols, (i + 1) * rows * cols)));
        }
        return images;
    }

    /**
     * Checks an image/label pair: images of rank 3 (count, rows, columns), labels of rank 1, one label per image.
     *
     * @throws IOException naming the file at fault
     */
    public static void requireLabelled(IdxFile images, IdxFile labels) throws IOException {
        images.requireRank(3, "count, rows, columns");
        labels.requireRank(1, "count");
        if (images.count() != labels.count()) {
            throw new IOException(images.source() + " holds " + images.count() + " images but " + labels.source()
                    + " holds " + labels.count() + " labels");
        }
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

    /** A content fault, reported with its own message (not wrapped in "cannot read"). */
    private static final class Malformed extends IOException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }
}
