package dev.simclr.objectstore;

/**
 * The store stayed unavailable for longer than the tolerated outage ({@link OutageRetry}): the caller stops the work
 * that needs it instead of retrying further.
 */
public final class ObjectStoreOutageException extends ObjectStoreUnavailableException {

    private static final long serialVersionUID = 1L;

    /** An outage beyond the tolerance, with what failed last. */
    public ObjectStoreOutageException(String message, Throwable cause) {
        super(message, cause);
    }
}
