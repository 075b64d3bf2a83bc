package dev.simclr.augment.idx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one IDX reader; its cases are those of the former readers in libs/evaluation ({@code IdxReader}), the launcher
 * ({@code IdxFile}) and the benches, plus what none of them checked.
 */
class IdxFileTest {

    @TempDir
    Path dir;

    private final byte[] data = pattern(2 * 3 * 4, 5);

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

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(raw);
        }
        return bos.toByteArray();
    }

    static byte[] pattern(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    @Test
    void readsGzipAndPlainFilesAlike() throws IOException {
        byte[] raw = ubyte(new int[] {2, 3, 4}, data);
        IdxFile gz = IdxFile.read(write("a.gz", gzip(raw)));
        IdxFile plain = IdxFile.read(write("a", raw));
        IdxFile gzipNamedPlain = IdxFile.read(write("b", gzip(raw)));
        IdxFile stream = IdxFile.read(new ByteArrayInputStream(gzip(raw)), "stream");
        for (IdxFile a : new IdxFile[] {gz, plain, gzipNamedPlain, stream}) {
            assertThat(a.dims()).containsExactly(2, 3, 4);
            assertThat(a.count()).isEqualTo(2);
            assertThat(a.itemSize()).isEqualTo(12);
            assertThat(a.data()).isEqualTo(data);
        }
        assertThat(plain.source()).isEqualTo(dir.resolve("a").toString());
        assertThat(stream.source()).isEqualTo("stream");
    }

    @Test
    void badMagicIsRejected() throws IOException {
        byte[] raw = ubyte(new int[] {24}, data);
        raw[0] = 0x12;
        assertThatThrownBy(() -> IdxFile.read(write("m", raw)))
                .isInstanceOf(IOException.class)
                .hasMessage(dir.resolve("m") + ": bad magic 0x12000801 (an IDX file starts with 0x00 0x00 type ndims)");
        assertThatThrownBy(() -> IdxFile.read(write("m2", new byte[] {1, 0, 8, 1, 0, 0, 0, 1, 5})))
                .hasMessageContaining("bad magic");
    }

    @Test
    void otherElementTypesAreRejected() throws IOException {
        assertThatThrownBy(() -> IdxFile.read(write("f", bytes(0x0D, new int[] {6}, data))))
                .hasMessageContaining(
                        "unsupported element type 0x0d (float32); only 0x08 (unsigned byte) is supported");
        assertThatThrownBy(() -> IdxFile.read(write("f2", bytes(0x00, new int[] {1}, new byte[1]))))
                .hasMessageContaining("unsupported element type 0x00 (unknown)");
    }

    @Test
    void zeroOrTooManyDimensionsAreRejected() throws IOException {
        assertThatThrownBy(() -> IdxFile.read(write("z", new byte[] {0, 0, 8, 0})))
                .hasMessageContaining("number of dimensions must be 1..4, got 0");
        assertThatThrownBy(() -> IdxFile.read(write("five", ubyte(new int[] {1, 1, 1, 1, 1}, new byte[1]))))
                .hasMessageContaining("number of dimensions must be 1..4, got 5");
    }

    @Test
    void zeroAndNegativeDimensionsAreRejected() throws IOException {
        assertThatThrownBy(() -> IdxFile.read(write("d0", ubyte(new int[] {3, 0}, new byte[0]))))
                .hasMessageContaining("dimension 1 must be >= 1, got 0");
        assertThatThrownBy(() -> IdxFile.read(write("neg", ubyte(new int[] {-1}, new byte[0]))))
                .hasMessageContaining("dimension 0 must be >= 1, got 4294967295 (negative as int32)");
    }

    @Test
    void hugeDimensionsAreRejectedBeforeAllocating() throws IOException {
        assertThatThrownBy(() -> IdxFile.read(write("big", ubyte(new int[] {65536, 65536}, new byte[0]))))
                .hasMessageContaining("data too large");
        assertThatThrownBy(() ->
                        IdxFile.read(write("big4", ubyte(new int[] {65536, 65536, 65536, 65536}, new byte[0]))))
                .hasMessageContaining("data too large");
    }

    @Test
    void aHeaderAnnouncingGigabytesAllocatesOnlyWhatIsThere() throws IOException {
        byte[] liar = ubyte(new int[] {2_000_000_000}, new byte[10]);
        for (Path f : new Path[] {write("liar", liar), write("liar.gz", gzip(liar))}) {
            assertThatThrownBy(() -> IdxFile.read(f))
                    .hasMessage(f + ": truncated data: the dimensions announce 2000000000 bytes, got 10");
        }
    }

    @Test
    void truncatedHeaderIsReported() throws IOException {
        byte[] raw = ubyte(new int[] {2, 3, 4}, data);
        assertThatThrownBy(() -> IdxFile.read(write("h", Arrays.copyOf(raw, 2))))
                .hasMessageContaining("truncated header: expected 4 bytes, got 2");
        assertThatThrownBy(() -> IdxFile.read(write("empty", new byte[0])))
                .hasMessageContaining("truncated header: expected 4 bytes, got 0");
        assertThatThrownBy(() -> IdxFile.read(write("h2", Arrays.copyOf(raw, 9))))
                .hasMessageContaining("truncated dimensions: expected 12 bytes, got 5");
    }

    @Test
    void truncatedDataIsReportedForPlainAndGzipFiles() throws IOException {
        byte[] raw = ubyte(new int[] {2, 3, 4}, data);
        byte[] shortRaw = Arrays.copyOf(raw, raw.length - 5);
        assertThatThrownBy(() -> IdxFile.read(write("t", shortRaw)))
                .hasMessageContaining("truncated data: the dimensions announce 24 bytes, got 19");
        assertThatThrownBy(() -> IdxFile.read(write("t.gz", gzip(shortRaw)))).hasMessageContaining("truncated data");
        byte[] gz = gzip(raw);
        assertThatThrownBy(() -> IdxFile.read(write("cut.gz", Arrays.copyOf(gz, gz.length / 2))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cut.gz: truncated gzip stream");
        assertThatThrownBy(() -> IdxFile.read(write("t1", ubyte(new int[] {3}, new byte[2]))))
                .hasMessageContaining("truncated data: the dimensions announce 3 bytes, got 2");
    }

    @Test
    void trailingBytesAreRejected() throws IOException {
        byte[] raw = ubyte(new int[] {2, 3, 4}, data);
        assertThatThrownBy(() -> IdxFile.read(write("x", Arrays.copyOf(raw, raw.length + 1))))
                .hasMessageContaining("trailing bytes after the 24 data bytes");
        assertThatThrownBy(() -> IdxFile.read(write("x.gz", gzip(ubyte(new int[] {1}, new byte[2])))))
                .hasMessageContaining("trailing bytes after the 1 data bytes");
    }

    @Test
    void corruptGzipIsReported() throws IOException {
        byte[] gz = gzip(ubyte(new int[] {2, 3, 4}, data));
        gz[2] = 7; // compression method: only 8 (deflate) exists
        assertThatThrownBy(() -> IdxFile.read(write("c.gz", gz)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("c.gz: corrupt gzip stream");
        assertThatThrownBy(() -> IdxFile.read(write("c2.gz", new byte[] {0x1f, (byte) 0x8b, 1, 2})))
                .hasMessageMatching(".*c2.gz: (corrupt|truncated) gzip stream.*");
    }

    @Test
    void missingOrUnreadableFilesAreReported() {
        assertThatThrownBy(() -> IdxFile.read(dir.resolve("nope.gz")))
                .isInstanceOf(IOException.class)
                .hasMessage(dir.resolve("nope.gz") + ": no such file");
        assertThatThrownBy(() -> IdxFile.read(dir)).hasMessageStartingWith(dir + ": cannot read (");
    }

    @Test
    void rankIsChecked() throws IOException {
        IdxFile a = IdxFile.read(write("r", ubyte(new int[] {24}, data)));
        assertThat(a.requireRank(1, "count")).isSameAs(a);
        assertThatThrownBy(() -> a.requireRank(3, "count, rows, columns"))
                .hasMessage(dir.resolve("r") + ": expected 3 dimensions (count, rows, columns), got 1 [24]");
    }

    @Test
    void imagesAndLabelsMustMatch() throws IOException {
        IdxFile images = IdxFile.read(write("images", ubyte(new int[] {4, 3, 2}, new byte[24])));
        IdxFile labels = IdxFile.read(write("labels", ubyte(new int[] {4}, new byte[4])));
        IdxFile.requireLabelled(images, labels);
        IdxFile three = IdxFile.read(write("three", ubyte(new int[] {3}, new byte[3])));
        assertThatThrownBy(() -> IdxFile.requireLabelled(images, three))
                .hasMessage(dir.resolve("images") + " holds 4 images but " + dir.resolve("three") + " holds 3 labels");
        assertThatThrownBy(() -> IdxFile.requireLabelled(labels, labels))
                .as("a labels file given as images (the benches' magic check: 0x803, not 0x801)")
                .hasMessageContaining("expected 3 dimensions (count, rows, columns), got 1 [4]");
        assertThatThrownBy(() -> IdxFile.requireLabelled(images, images))
                .hasMessageContaining("images: expected 1 dimensions (count), got 3 [4, 3, 2]")
                .hasMessageStartingWith(dir.resolve("images").toString());
    }
}
