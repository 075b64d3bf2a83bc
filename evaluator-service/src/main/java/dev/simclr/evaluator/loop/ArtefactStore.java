package dev.simclr.evaluator.loop;

import dev.simclr.objectstore.S3Uri;
import java.util.List;

/** The object operations the evaluator needs ({@link S3Artefacts} in production, a map in tests). */
public interface ArtefactStore {

    /**
     * Reads an object of at most {@code maxBytes}.
     *
     * @throws dev.simclr.objectstore.ObjectNotFoundException when it does not exist
     */
    byte[] get(S3Uri uri, long maxBytes);

    /** Writes an object. */
    void put(S3Uri uri, byte[] data, String contentType);

    /** True when the object exists. */
    boolean exists(S3Uri uri);

    /** The object keys below {@code prefix} (recursive). */
    List<S3Uri> list(S3Uri prefix);
}
