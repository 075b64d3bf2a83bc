package dev.simclr.evaluation.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Test helper: builds IDX files. */
final class Idx {

    private Idx() {}

    /** An IDX byte array with the given type byte, dims and data. */
    static byte[] bytes(int type, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(data);
        return b.array();
    }

    static byte[] ubyte(int[] dims, byte[] data) {
        return bytes(0x08, dims, data);
    }

    static byte[] gzip(byte[] raw) {
        try (ByteArrayOutputStream bos = new ByteArrayOutputStream();
                OutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(raw);
            gz.close();
            return bos.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path write(Path file, byte[] content) throws IOException {
        Files.write(file, content);
        return file;
    }

    /** Writes a Fashion-MNIST-shaped directory: n train and m test 28x28 images. */
    static Path fashionDir(Path dir, int n, int m) throws IOException {
        write(dir.resolve("train-images-idx3-ubyte.gz"), gzip(ubyte(new int[] {n, 28, 28}, pattern(n * 784, 1))));
        write(dir.resolve("train-labels-idx1-ubyte.gz"), gzip(ubyte(new int[] {n}, labels(n))));
        write(dir.resolve("t10k-images-idx3-ubyte.gz"), gzip(ubyte(new int[] {m, 28, 28}, pattern(m * 784, 7))));
        write(dir.resolve("t10k-labels-idx1-ubyte.gz"), gzip(ubyte(new int[] {m}, labels(m))));
        return dir;
    }

    static byte[] pattern(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    static byte[] labels(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i % 10);
        }
        return b;
    }
}
