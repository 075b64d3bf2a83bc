package dev.simclr.objectstore;

/**
 * An object as written (or as described by the server).
 *
 * @param uri where it is
 * @param size size in bytes
 * @param sha256 lower-case hex sha256 of the content; null when the object carries no {@code sha256} user metadata (it
 *     was not written by {@link ObjectStore})
 */
public record StoredObject(S3Uri uri, long size, String sha256) {}
