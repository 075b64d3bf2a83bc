package dev.simclr.objectstore;

import dev.simclr.contracts.Sha256;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A fake object store in memory, with the same not-found and size-limit behaviour as {@link ObjectStore}. */
final class InMemoryBlobs implements Blobs {

    final Map<S3Uri, byte[]> objects = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));

    @Override
    public byte[] get(S3Uri uri, long maxBytes) {
        byte[] data = objects.get(uri);
        if (data == null) {
            throw new ObjectNotFoundException(uri);
        }
        if (data.length > maxBytes) {
            throw new ObjectTooLargeException(uri, data.length, maxBytes);
        }
        return data.clone();
    }

    @Override
    public StoredObject put(S3Uri uri, byte[] data, String contentType) {
        objects.put(uri, data.clone());
        return new StoredObject(uri, data.length, Sha256.hex(data));
    }

    @Override
    public List<ObjectInfo> list(S3Uri prefix) {
        List<ObjectInfo> out = new ArrayList<>();
        objects.forEach((uri, data) -> {
            if (uri.bucket().equals(prefix.bucket()) && uri.key().startsWith(prefix.key())) {
                out.add(new ObjectInfo(uri, data.length));
            }
        });
        return out;
    }
}
