package dev.simclr.objectstore;

/** An object is larger than the caller's limit; nothing beyond the limit was kept in memory. */
public final class ObjectTooLargeException extends ObjectStoreException {

    private static final long serialVersionUID = 1L;

    private final transient S3Uri uri;
    private final long limit;

    /**
     * The object is too large.
     *
     * @param uri the object
     * @param size its size, or -1 when only "more than the limit" is known (found while reading)
     * @param limit the caller's limit in bytes
     */
    public ObjectTooLargeException(S3Uri uri, long size, long limit) {
        super("object too large: " + uri + (size >= 0 ? " has " + size + " bytes" : " has more bytes than announced")
                + ", limit " + limit + " bytes");
        this.uri = uri;
        this.limit = limit;
    }

    /** The object. */
    public S3Uri uri() {
        return uri;
    }

    /** The limit that was exceeded. */
    public long limit() {
        return limit;
    }
}
