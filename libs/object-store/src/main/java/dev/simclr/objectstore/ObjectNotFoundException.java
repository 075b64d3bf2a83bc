package dev.simclr.objectstore;

/** The bucket exists but the object does not. */
public final class ObjectNotFoundException extends ObjectStoreException {

    private static final long serialVersionUID = 1L;

    private final transient S3Uri uri;

    /** The object at {@code uri} does not exist. */
    public ObjectNotFoundException(S3Uri uri) {
        super("object not found: " + uri);
        this.uri = uri;
    }

    /** The missing object. */
    public S3Uri uri() {
        return uri;
    }
}
