package dev.simclr.augment.preview;

import dev.simclr.augment.DecodedImage;
import dev.simclr.augment.ops.CropBox;
import dev.simclr.augment.ops.RandomResizedCrop;
import dev.simclr.augment.ops.Workspace;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** Lays out rows of [whole image | pair 1 | pair 2 | …] and writes them as one PNG. */
final class GridImage {

    private static final int GAP = 2;
    private static final int PAIR_GAP = 8;
    private static final byte BACKGROUND = 40;

    private final int size;
    private final int channels;
    private final int pairs;
    private final List<byte[][]> rows = new ArrayList<>();

    GridImage(int size, int channels, int pairs) {
        this.size = size;
        this.channels = channels;
        this.pairs = pairs;
    }

    /** Adds one row: the image squeezed to the view size (converted to the view channels) and its views. */
    void addRow(DecodedImage img, List<byte[]> views) {
        byte[] whole = new byte[size * size * img.channels()];
        new RandomResizedCrop(size, 1, 1, 1, 1, true)
                .resize(img, new CropBox(0, 0, img.height(), img.width()), false, whole, new Workspace());
        byte[][] row = new byte[views.size() + 1][];
        row[0] = convert(whole, img.channels());
        for (int i = 0; i < views.size(); i++) {
            row[i + 1] = views.get(i);
        }
        rows.add(row);
    }

    int rows() {
        return rows.size();
    }

    /** Largest grid in bytes (one {@code byte[]} raster in memory before it is encoded). */
    static final long MAX_BYTES = 256L * 1024 * 1024;

    /** Width and height of a grid of {@code rows} rows. */
    static long[] dimensions(int size, int pairs, long rows) {
        return new long[] {GAP + size + PAIR_GAP + (long) pairs * (2 * size + GAP + PAIR_GAP), GAP + rows * (size + GAP)
        };
    }

    /** Raster bytes of a grid of {@code rows} rows. */
    static long bytes(int size, int channels, int pairs, long rows) {
        long[] d = dimensions(size, pairs, rows);
        return d[0] * d[1] * channels;
    }

    /** Writes the grid; returns {width, height}. */
    int[] write(Path out) throws IOException {
        long[] d = dimensions(size, pairs, rows.size());
        int width = Math.toIntExact(d[0]);
        int height = Math.toIntExact(d[1]);
        BufferedImage img = new BufferedImage(
                width, height, channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
        byte[] data = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        java.util.Arrays.fill(data, BACKGROUND);
        for (int r = 0; r < rows.size(); r++) {
            int y = GAP + r * (size + GAP);
            byte[][] row = rows.get(r);
            blit(data, width, row[0], GAP, y);
            for (int p = 0; p < pairs; p++) {
                int x = GAP + size + PAIR_GAP + p * (2 * size + GAP + PAIR_GAP);
                blit(data, width, row[1 + 2 * p], x, y);
                blit(data, width, row[2 + 2 * p], x + size + GAP, y);
            }
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(img, "png", out.toFile())) {
            throw new IOException("no PNG writer available");
        }
        return new int[] {width, height};
    }

    private void blit(byte[] data, int width, byte[] view, int x0, int y0) {
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int s = (y * size + x) * channels;
                int d = ((y0 + y) * width + x0 + x) * channels;
                if (channels == 1) {
                    data[d] = view[s];
                } else { // TYPE_3BYTE_BGR stores blue first
                    data[d] = view[s + 2];
                    data[d + 1] = view[s + 1];
                    data[d + 2] = view[s];
                }
            }
        }
    }

    private byte[] convert(byte[] px, int from) {
        int n = size * size;
        if (from == channels) {
            return px;
        }
        byte[] out = new byte[n * channels];
        if (from == 3) {
            dev.simclr.augment.ops.Grayscale.rgbToGrey(px, out, n);
        } else {
            dev.simclr.augment.ops.Grayscale.greyToRgb(px, out, n);
        }
        return out;
    }
}
