package dev.simclr.objectstore;

/**
 * The store could not be reached, or answered with a transient failure (5xx, throttling), after the client's own
 * retries: an infrastructure failure, not a problem of the object or the request. Callers retry later
 * ({@link OutageRetry}) instead of treating the object as bad.
 */
public class ObjectStoreUnavailableException extends ObjectStoreException {

    private static final long serialVersionUID = 1L;

    /** An unavailable store, with the reason. */
    public ObjectStoreUnavailableException(String message) {
        super(message);
    }

    /** An unavailable store, with the reason and the underlying cause. */
    public ObjectStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
