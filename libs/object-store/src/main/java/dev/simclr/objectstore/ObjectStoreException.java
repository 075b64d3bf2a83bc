package dev.simclr.objectstore;

/** Base of every object-store failure; the message says what failed and why, without credentials. */
public class ObjectStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A failure with a reason. */
    public ObjectStoreException(String message) {
        super(message);
    }

    /** A failure with a reason and the underlying cause. */
    public ObjectStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
