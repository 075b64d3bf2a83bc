package dev.simclr.launcher.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxSourceTest {

    @TempDir
    Path tmp;

    static byte[] idx(int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.put((byte) 0).put((byte) 0).put((byte) 8).put((byte) dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(data);
        return b.array();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    /** Image i of 3x2 pixels has the values 10*i + (0..5); label i % 10. */
    private Path dataset(int n, boolean gz) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("fashion"));
        byte[] pixels = new byte[n * 6];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < 6; p++) {
                pixels[i * 6 + p] = (byte) (10 * i + p);
            }
            labels[i] = (byte) (i % 10);
        }
        String ext = gz ? ".gz" : "";
        Files.write(
                dir.resolve("train-images-idx3-ubyte" + ext),
                gz ? gzip(idx(new int[] {n, 3, 2}, pixels)) : idx(new int[] {n, 3, 2}, pixels));
        Files.write(
                dir.resolve("train-labels-idx1-ubyte" + ext),
                gz ? gzip(idx(new int[] {n}, labels)) : idx(new int[] {n}, labels));
        Files.write(
                dir.resolve("t10k-images-idx3-ubyte" + ext),
                gz ? gzip(idx(new int[] {2, 3, 2}, new byte[12])) : idx(new int[] {2, 3, 2}, new byte[12]));
        Files.write(
                dir.resolve("t10k-labels-idx1-ubyte" + ext),
                gz ? gzip(idx(new int[] {2}, new byte[] {7, 8})) : idx(new int[] {2}, new byte[] {7, 8}));
        return dir;
    }

    @Test
    void convertsEveryImageToAPngWithItsLabelIdAndKey() throws Exception {
        Path dir = dataset(4, true);
        assertThat(IdxSource.isIdxDirectory(dir)).isTrue();
        assertThat(IdxSource.pairs(dir)).containsOnlyKeys("train", "test");
        List<ImportItem> items = IdxSource.items(dir, new ImportOptions("simclr-data", null, null, 0, null));
        assertThat(items).as("the train split only, unless a split is named").hasSize(4);
        assertThat(items).extracting(ImportItem::split).containsOnly("train");
        assertThat(items).extracting(ImportItem::label).containsExactly(0, 1, 2, 3);
        assertThat(IdxSource.items(dir, new ImportOptions("simclr-data", null, "test", 0, null)))
                .extracting(ImportItem::label)
                .containsExactly(7, 8);
        ImportItem third = items.get(2);
        assertThat(third.id()).isEqualTo("fashion-train-00002");
        assertThat(third.key()).isEqualTo("fashion/train/00002.png");
        assertThat(third.dataset()).isEqualTo("fashion");
        assertThat(third.contentType()).isEqualTo("image/png");
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(third.data().load()));
        assertThat(png.getWidth()).isEqualTo(2);
        assertThat(png.getHeight()).isEqualTo(3);
        int[] grey = png.getRaster().getPixels(0, 0, 2, 3, (int[]) null);
        assertThat(grey).containsExactly(20, 21, 22, 23, 24, 25);
        assertThat(third.ref("s3://simclr-data/fashion/train/00002.png").label())
                .isEqualTo(2);
    }

    @Test
    void splitLimitPrefixAndDatasetOptions() throws Exception {
        Path dir = dataset(5, false);
        List<ImportItem> test = IdxSource.items(dir, new ImportOptions("b-1", "x/y/", "test", 0, "fm"));
        assertThat(test).extracting(ImportItem::key).containsExactly("x/y/test/00000.png", "x/y/test/00001.png");
        assertThat(test).extracting(ImportItem::id).containsExactly("fm-test-00000", "fm-test-00001");
        assertThat(IdxSource.items(dir, new ImportOptions("b-1", null, null, 3, null)))
                .hasSize(3)
                .allMatch(i -> i.split().equals("train"));
        assertThatThrownBy(() -> IdxSource.items(dir, new ImportOptions("b-1", null, "val", 0, null)))
                .hasMessageContaining("no IDX files for split 'val' (found: ");
    }

    @Test
    void inconsistentFilesAreRefusedWithTheReason() throws Exception {
        Path dir = dataset(4, false);
        Files.write(dir.resolve("train-labels-idx1-ubyte"), idx(new int[] {3}, new byte[3]));
        assertThatThrownBy(() -> IdxSource.items(dir, new ImportOptions("b-1", null, "train", 0, null)))
                .hasMessageContaining("train-images-idx3-ubyte holds 4 images but ")
                .hasMessageEndingWith("train-labels-idx1-ubyte holds 3 labels");
    }

    @Test
    void pngEncodingChecksTheBounds() {
        assertThatThrownBy(() -> GrayPng.encode(new byte[5], 0, 2, 3)).hasMessageContaining("does not fit 5 bytes");
    }
}
