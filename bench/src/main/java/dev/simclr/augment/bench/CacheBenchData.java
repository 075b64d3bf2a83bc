package dev.simclr.augment.bench;

import dev.simclr.augment.DecodedImage;
import dev.simclr.augment.cache.CachedImage;
import dev.simclr.augment.cache.ImageCache;
import dev.simclr.augment.idx.IdxFile;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * A dataset of image files for {@link CacheBench}: {@code n} files in a fresh temporary directory, sized so that their
 * decoded pixels (as charged by {@link ImageCache#sizeOf}) are {@code ratio} times the cache budget.
 *
 * @param dir the directory (deleted by {@link #close()})
 * @param uris {@code file://} URIs in epoch order
 * @param decodedBytes bytes the whole dataset is charged decoded
 * @param encodedBytes bytes the whole dataset is charged encoded
 */
record CacheBenchData(Path dir, List<String> uris, long decodedBytes, long encodedBytes) implements AutoCloseable {

    /** Fashion-MNIST's first images as 28×28 grey PNGs, enough of them for {@code ratio × cacheBytes}. */
    static CacheBenchData fashionMnist(Path idxGz, long cacheBytes, double ratio) throws IOException {
        IdxFile idx = IdxFile.read(idxGz);
        DecodedImage sample = idx.greyImages(1).get(0);
        int n = count(sample, cacheBytes, ratio);
        List<DecodedImage> images = idx.greyImages(n);
        if (images.size() < n) {
            throw new IllegalArgumentException(idxGz + " holds " + images.size() + " images; " + n + " are needed for "
                    + ratio + " x " + cacheBytes + " bytes: use a smaller cache budget");
        }
        Path dir = Files.createTempDirectory("cache-bench-fmnist-");
        List<byte[]> files = new ArrayList<>(n);
        for (DecodedImage img : images) {
            files.add(png(img));
        }
        return write(dir, files, "png", images.get(0));
    }

    /** Synthetic 500×375 quality-90 JPEGs (as the augmentation bench), enough for {@code ratio × cacheBytes}. */
    static CacheBenchData syntheticJpegs(long cacheBytes, double ratio) throws IOException {
        DecodedImage sample = new DecodedImage(500, 375, 3, new byte[500 * 375 * 3]);
        int n = count(sample, cacheBytes, ratio);
        Path dir = Files.createTempDirectory("cache-bench-jpeg-");
        return write(dir, SyntheticJpegs.make(n, 500, 375, 7), "jpg", sample);
    }

    /** The number of images whose decoded size is {@code ratio × cacheBytes} (URIs of about 80 characters). */
    private static int count(DecodedImage sample, long cacheBytes, double ratio) {
        long each = ImageCache.sizeOf(
                "file:///tmp/cache-bench-xxxxx-0123456789012345678/00000.png", new CachedImage.Pixels(sample));
        return (int) Math.ceil(ratio * cacheBytes / each);
    }

    private static CacheBenchData write(Path tmp, List<byte[]> files, String ext, DecodedImage sample)
            throws IOException {
        Path dir = tmp.toRealPath();
        List<String> uris = new ArrayList<>(files.size());
        long decoded = 0;
        long encoded = 0;
        for (int i = 0; i < files.size(); i++) {
            Path f = dir.resolve(String.format(Locale.ROOT, "%05d.%s", i, ext));
            Files.write(f, files.get(i));
            String uri = f.toUri().toString();
            uris.add(uri);
            decoded += ImageCache.sizeOf(uri, new CachedImage.Pixels(sample));
            encoded += ImageCache.sizeOf(uri, new CachedImage.Encoded(files.get(i)));
        }
        return new CacheBenchData(dir, List.copyOf(uris), decoded, encoded);
    }

    private static byte[] png(DecodedImage img) throws IOException {
        BufferedImage b = new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_BYTE_GRAY);
        System.arraycopy(
                img.pixels(), 0, ((DataBufferByte) b.getRaster().getDataBuffer()).getData(), 0, img.pixels().length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(b, "png", out);
        return out.toByteArray();
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
