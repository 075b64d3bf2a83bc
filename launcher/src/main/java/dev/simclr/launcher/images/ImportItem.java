package dev.simclr.launcher.images;

import dev.simclr.contracts.ImageRef;
import dev.simclr.objectstore.S3Uri;
import java.io.IOException;

/**
 * One image to import: either uploaded to {@code s3://<bucket>/<key>} first (a local file, a converted IDX image) or
 * pushed with its existing URI.
 *
 * @param id image id (record key and {@code ImageRef.id}); null = derived from the URI
 * @param label label or null
 * @param split split or null
 * @param dataset dataset name or null
 * @param key object key to upload to, or null when {@code uri} is pushed as it is
 * @param data loads the bytes to upload (null when not uploading)
 * @param contentType content type of the upload
 * @param uri the URI to push when not uploading
 */
public record ImportItem(
        String id,
        Integer label,
        String split,
        String dataset,
        String key,
        Loader data,
        String contentType,
        String uri) {

    /** Loads an image's bytes (lazily, on an upload thread). */
    @FunctionalInterface
    public interface Loader {
        /** The bytes to upload. */
        byte[] load() throws IOException;
    }

    /** An image uploaded to {@code key} first. */
    public static ImportItem upload(
            String id, Integer label, String split, String dataset, String key, Loader data, String contentType) {
        return new ImportItem(id, label, split, dataset, key, data, contentType, null);
    }

    /** An image already reachable at {@code uri}. */
    public static ImportItem reference(String id, Integer label, String split, String dataset, String uri) {
        return new ImportItem(id, label, split, dataset, null, null, null, uri);
    }

    /** Whether the image is uploaded before it is pushed. */
    public boolean needsUpload() {
        return key != null;
    }

    /** The URI the image has once imported: {@code s3://<bucket>/<key>} for an upload, else its own URI. */
    public String finalUri(String bucket) {
        return needsUpload() ? new S3Uri(bucket, key).toString() : uri;
    }

    /** This item with another split (e.g. the held-out split) and, when uploaded, its key under {@code keyPrefix}. */
    public ImportItem heldOut(String newSplit, String keyPrefix) {
        return new ImportItem(
                id,
                label,
                newSplit,
                dataset,
                key == null ? null : ImportOptions.key(keyPrefix, key),
                data,
                contentType,
                uri);
    }

    /** The record pushed on simclr.images, given the URI the image has now. */
    public ImageRef ref(String finalUri) {
        return new ImageRef(finalUri, id, label, split, dataset);
    }
}
