package dev.simclr.objectstore;

/** A checkpoint set does not verify: missing or unreadable manifest, missing file, size or sha256 mismatch. */
public final class CorruptCheckpointException extends ObjectStoreException {

    private static final long serialVersionUID = 1L;

    private final transient S3Uri prefix;

    /**
     * The set at {@code prefix} is not usable.
     *
     * @param prefix the set's prefix
     * @param reason what is wrong, naming the file
     */
    public CorruptCheckpointException(S3Uri prefix, String reason) {
        super("checkpoint set " + prefix + " does not verify: " + reason);
        this.prefix = prefix;
    }

    /** Same, with the underlying cause. */
    public CorruptCheckpointException(S3Uri prefix, String reason, Throwable cause) {
        super("checkpoint set " + prefix + " does not verify: " + reason, cause);
        this.prefix = prefix;
    }

    /** The set's prefix. */
    public S3Uri prefix() {
        return prefix;
    }
}
