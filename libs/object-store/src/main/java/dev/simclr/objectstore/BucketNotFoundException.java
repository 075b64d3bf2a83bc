package dev.simclr.objectstore;

/** The bucket does not exist. */
public final class BucketNotFoundException extends ObjectStoreException {

    private static final long serialVersionUID = 1L;

    private final String bucket;

    /** {@code bucket} does not exist at {@code endpoint}. */
    public BucketNotFoundException(String bucket, String endpoint) {
        this(bucket, endpoint, "create it first, e.g. ObjectStore.ensureBucket");
    }

    /** {@code bucket} does not exist at {@code endpoint}; {@code hint} says what to do. */
    public BucketNotFoundException(String bucket, String endpoint, String hint) {
        super("bucket not found: " + bucket + " at " + endpoint + " (" + hint + ")");
        this.bucket = bucket;
    }

    /** The missing bucket. */
    public String bucket() {
        return bucket;
    }
}
