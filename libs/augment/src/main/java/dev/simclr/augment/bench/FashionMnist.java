package dev.simclr.augment.bench;

import dev.simclr.augment.DecodedImage;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Reads the first images of a Fashion-MNIST (IDX, gzip) image file as 28×28 grey {@link DecodedImage}s. */
final class FashionMnist {

    private FashionMnist() {
    }

    static List<DecodedImage> load(Path idxGz, int limit) throws IOException {
        try (InputStream raw = Files.newInputStream(idxGz);
             DataInputStream in = new DataInputStream(new GZIPInputStream(raw, 1 << 16))) {
            int magic = in.readInt();
            if (magic != 0x00000803) {
                throw new IOException(idxGz + " is not an IDX image file (magic 0x" + Integer.toHexString(magic) + ")");
            }
            int count = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            int n = Math.min(count, limit);
            List<DecodedImage> images = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                byte[] px = new byte[rows * cols];
                in.readFully(px);
                images.add(new DecodedImage(cols, rows, 1, px));
            }
            return images;
        }
    }
}
