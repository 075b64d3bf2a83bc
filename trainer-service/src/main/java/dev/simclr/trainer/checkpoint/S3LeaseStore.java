package dev.simclr.trainer.checkpoint;

import dev.simclr.contracts.RunLayout;
import dev.simclr.objectstore.ObjectNotFoundException;
import dev.simclr.objectstore.ObjectStore;
import dev.simclr.objectstore.S3Uri;
import java.util.Optional;

/** The lease object in S3: {@code s3://<bucket>/<run-id>/LEASE} ({@link RunLayout#lease}). */
public final class S3LeaseStore implements LeaseStore {

    private static final long MAX_BYTES = 64 * 1024;

    private final ObjectStore store;
    private final S3Uri uri;

    /**
     * Creates the store.
     *
     * @param store the object store
     * @param runPrefix {@code s3://<bucket>/<run-id>/}
     */
    public S3LeaseStore(ObjectStore store, S3Uri runPrefix) {
        this.store = store;
        this.uri = runPrefix.asPrefix().resolve(RunLayout.LEASE);
    }

    @Override
    public Optional<byte[]> read() {
        try {
            return Optional.of(store.get(uri, MAX_BYTES));
        } catch (ObjectNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public void write(byte[] data) {
        store.put(uri, data, "application/json");
    }

    @Override
    public void delete() {
        store.delete(uri);
    }
}
