package dev.simclr.evaluator.loop;

import dev.simclr.objectstore.S3Uri;
import dev.simclr.objectstore.VerifiedCheckpoint;

/** Reads and verifies a checkpoint set ({@code CheckpointSets::read} in production). */
@FunctionalInterface
public interface CheckpointReader {

    /**
     * Downloads the set and verifies every file against its manifest.
     *
     * @throws dev.simclr.objectstore.CorruptCheckpointException naming the missing or bad file
     */
    VerifiedCheckpoint read(S3Uri prefix);
}
