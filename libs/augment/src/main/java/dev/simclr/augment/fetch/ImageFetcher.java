package dev.simclr.augment.fetch;

import java.net.URI;

/** Fetches the bytes behind a URI, refusing anything over {@code maxBytes}. Implementations are thread-safe. */
@FunctionalInterface
public interface ImageFetcher {

    /**
     * Fetches {@code uri}.
     *
     * @param uri the image location
     * @param maxBytes the largest acceptable size; larger objects fail with {@link FetchException.Kind#TOO_LARGE}
     * @return the bytes, at most {@code maxBytes} of them
     * @throws FetchException with a kind and a one-line reason
     */
    byte[] fetch(URI uri, long maxBytes);
}
