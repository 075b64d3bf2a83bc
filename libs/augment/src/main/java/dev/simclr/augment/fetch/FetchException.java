package dev.simclr.augment.fetch;

/**
 * An image could not be fetched. {@link #kind()} is stable and machine-readable; the message is one human-readable line
 * with the reason.
 */
public final class FetchException extends RuntimeException {

    /** Why fetching failed. */
    public enum Kind {
        /** The URI is not allowed by policy (outside the roots, forbidden address, host not allowed, redirect). */
        REFUSED,
        /** No fetcher is registered for the URI's scheme. */
        UNSUPPORTED_SCHEME,
        /** The object does not exist. */
        NOT_FOUND,
        /** The object is over the byte limit. */
        TOO_LARGE,
        /** Connecting or reading took longer than allowed. */
        TIMEOUT,
        /** Any other I/O or protocol failure. */
        FAILED,
        /**
         * The store behind the URI is unreachable or failing (connection refused, 5xx answers, throttling) even after
         * the fetcher's own retries: the image itself may be fine, so callers should retry later rather than give up on
         * it. Used by {@link S3Fetcher} for our own object store.
         */
        UNAVAILABLE
    }

    private static final long serialVersionUID = 1L;

    private final Kind kind;

    /** Creates an exception of the given kind with a one-line reason. */
    public FetchException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    /** Creates an exception of the given kind with a one-line reason and a cause. */
    public FetchException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** The stable failure kind. */
    public Kind kind() {
        return kind;
    }
}
