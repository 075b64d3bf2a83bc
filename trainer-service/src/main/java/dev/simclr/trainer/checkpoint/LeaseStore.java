package dev.simclr.trainer.checkpoint;

import java.util.Optional;

/** The three object operations the run lease needs (S3 in production, a map in unit tests). */
public interface LeaseStore {

    /** Returns the lease object's bytes, or empty when it does not exist. */
    Optional<byte[]> read();

    /** Writes (replaces) the lease object. */
    void write(byte[] data);

    /** Deletes the lease object (no error when it is gone). */
    void delete();
}
