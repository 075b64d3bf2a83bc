package dev.simclr.trainer.checkpoint;

import java.util.Map;
import java.util.TreeMap;

/**
 * The counters of a checkpoint lineage at one step: what the manifest records besides the model.
 *
 * @param step optimiser steps taken
 * @param epoch passes over the dataset (see docs/trainer.md for how it is derived)
 * @param samplesSeen view pairs trained on, exactly
 * @param offsets views-topic partition to the next offset to consume
 * @param deadLettered records dead-lettered before this position
 * @param skippedOtherRun records of other runs skipped before this position
 * @param partialSteps steps trained on a partial batch
 * @param loss mean training loss of the steps since the previous checkpoint (NaN before any step)
 */
public record Lineage(long step, long epoch, long samplesSeen, Map<Integer, Long> offsets, long deadLettered,
        long skippedOtherRun, long partialSteps, double loss) {

    /** Validates and copies. */
    public Lineage {
        if (step < 0 || epoch < 0 || samplesSeen < 0 || deadLettered < 0 || skippedOtherRun < 0 || partialSteps < 0) {
            throw new IllegalArgumentException("lineage counters must be >= 0");
        }
        offsets = new TreeMap<>(offsets);
    }
}
