package dev.simclr.evaluator.loop;

import dev.simclr.objectstore.ObjectInfo;
import dev.simclr.objectstore.ObjectStore;
import dev.simclr.objectstore.S3Uri;
import java.util.List;

/** {@link ArtefactStore} on an {@link ObjectStore}. */
public final class S3Artefacts implements ArtefactStore {

    private final ObjectStore store;

    /** Artefacts in {@code store}. */
    public S3Artefacts(ObjectStore store) {
        this.store = store;
    }

    @Override
    public byte[] get(S3Uri uri, long maxBytes) {
        return store.get(uri, maxBytes);
    }

    @Override
    public void put(S3Uri uri, byte[] data, String contentType) {
        store.put(uri, data, contentType);
    }

    @Override
    public boolean exists(S3Uri uri) {
        return store.exists(uri);
    }

    @Override
    public List<S3Uri> list(S3Uri prefix) {
        return store.list(prefix).stream().map(ObjectInfo::uri).toList();
    }
}
