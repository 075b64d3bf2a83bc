package dev.simclr.augment.cache;

import dev.simclr.augment.DecodedImage;

/**
 * What an {@link ImageCache} keeps of each image. Decoded pixels cost nothing on a hit; encoded bytes cost a decode per
 * hit but are smaller, so the same budget holds more images (a 500×375 quality-90 JPEG is about a seventh of its 563 KB
 * of pixels; a 28×28 Fashion-MNIST PNG about two thirds of its 784 bytes). While the dataset's pixels do not fit the
 * budget, keeping the encoded bytes of images that compress by a factor {@code r} costs less per epoch when {@code r >
 * 1 + decode cost / fetch cost}; a fetch from S3 (a stat and a get over the network) costs at least a decode, so
 * {@link #AUTO} keeps the encoded bytes of images that compress at least {@value #AUTO_MIN_RATIO}× (JPEG, WebP) and the
 * pixels of the rest. When all pixels fit the budget, {@link #DECODED} is cheaper. Measured in docs/benchmarks.md
 * ("Epoch cache").
 */
public enum CacheContent {
    /** Always the decoded pixels. */
    DECODED,
    /** Always the encoded bytes. */
    ENCODED,
    /**
     * Per image: the encoded bytes when they are at least {@value #AUTO_MIN_RATIO}× smaller than the pixels, else the
     * pixels.
     */
    AUTO;

    /** {@link #AUTO} keeps the encoded bytes of an image whose pixels are at least this many times larger. */
    public static final int AUTO_MIN_RATIO = 2;

    /** What to keep of an image fetched as {@code encoded} and decoded to {@code decoded}. */
    public CachedImage choose(byte[] encoded, DecodedImage decoded) {
        boolean keepEncoded = switch (this) {
            case DECODED -> false;
            case ENCODED -> true;
            case AUTO -> (long) encoded.length * AUTO_MIN_RATIO <= decoded.pixels().length;
        };
        return keepEncoded ? new CachedImage.Encoded(encoded) : new CachedImage.Pixels(decoded);
    }
}
