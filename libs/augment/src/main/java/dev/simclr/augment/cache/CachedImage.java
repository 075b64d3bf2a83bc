package dev.simclr.augment.cache;

import dev.simclr.augment.DecodedImage;

/** What an {@link ImageCache} holds for one URI: the decoded {@link Pixels} or the {@link Encoded} bytes. */
public sealed interface CachedImage permits CachedImage.Pixels, CachedImage.Encoded {

    /** Bytes of the payload (pixels or encoded data), without key and entry overhead. */
    long payloadBytes();

    /**
     * Decoded pixels: a hit costs nothing.
     *
     * @param image the image (shared, read-only)
     */
    record Pixels(DecodedImage image) implements CachedImage {
        @Override
        public long payloadBytes() {
            return image.pixels().length;
        }
    }

    /**
     * The fetched bytes: a hit costs a decode, but the entry is several times smaller for compressed formats.
     *
     * @param data the encoded image (shared, read-only)
     */
    record Encoded(byte[] data) implements CachedImage {
        @Override
        public long payloadBytes() {
            return data.length;
        }
    }
}
