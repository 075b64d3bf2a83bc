package dev.simclr.evaluator.loop;

import dev.simclr.objectstore.ObjectNotFoundException;
import dev.simclr.objectstore.ObjectTooLargeException;
import dev.simclr.objectstore.S3Uri;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * An {@link ArtefactStore} in memory, ordered by key: the evaluator bench (which measures evaluation, not uploads) and
 * the unit tests use it. Stored bytes are copies.
 */
public final class MemoryArtefacts implements ArtefactStore {

    private final Map<String, byte[]> objects = new ConcurrentSkipListMap<>();
    private int puts;

    @Override
    public byte[] get(S3Uri uri, long maxBytes) {
        byte[] data = objects.get(uri.toString());
        if (data == null) {
            throw new ObjectNotFoundException(uri);
        }
        if (data.length > maxBytes) {
            throw new ObjectTooLargeException(uri, data.length, maxBytes);
        }
        return data;
    }

    @Override
    public synchronized void put(S3Uri uri, byte[] data, String contentType) {
        puts++;
        objects.put(uri.toString(), data.clone());
    }

    @Override
    public boolean exists(S3Uri uri) {
        return objects.containsKey(uri.toString());
    }

    @Override
    public List<S3Uri> list(S3Uri prefix) {
        return objects.keySet().stream()
                .filter(k -> k.startsWith(prefix.toString()))
                .map(S3Uri::parse)
                .toList();
    }

    /** Returns the stored objects by URI (read-only view). */
    public Map<String, byte[]> objects() {
        return Collections.unmodifiableMap(objects);
    }

    /** Returns how many puts were made. */
    public synchronized int puts() {
        return puts;
    }

    /** Returns the size of an object in bytes, or -1 when absent. */
    public long size(S3Uri uri) {
        byte[] data = objects.get(uri.toString());
        return data == null ? -1 : data.length;
    }
}
