package dev.simclr.objectstore;

import dev.simclr.contracts.CheckpointManifest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A checkpoint set whose every file matched the size and sha256 in its manifest.
 *
 * @param prefix the set's prefix, e.g. {@code s3://b/run-1/step-100/}
 * @param manifest the parsed manifest
 * @param manifestSha256 sha256 of the {@code manifest.json} bytes as stored
 * @param files file name → content, in manifest order
 */
public record VerifiedCheckpoint(
        S3Uri prefix, CheckpointManifest manifest, String manifestSha256, Map<String, byte[]> files) {

    /** Copies the file map (unmodifiable, order kept). */
    public VerifiedCheckpoint {
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    /** The content of one file. */
    public byte[] file(String name) {
        byte[] data = files.get(name);
        if (data == null) {
            throw new IllegalArgumentException(
                    "checkpoint " + prefix + " has no file " + name + "; it has " + files.keySet());
        }
        return data;
    }

    /** The training step of the set. */
    public long step() {
        return manifest.step();
    }
}
