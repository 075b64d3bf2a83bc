package dev.simclr.objectstore;

import java.util.List;

/** The object operations {@link CheckpointSets} needs; {@link ObjectStore} implements them (tests use a fake). */
interface Blobs {

    byte[] get(S3Uri uri, long maxBytes);

    StoredObject put(S3Uri uri, byte[] data, String contentType);

    List<ObjectInfo> list(S3Uri prefix);
}
