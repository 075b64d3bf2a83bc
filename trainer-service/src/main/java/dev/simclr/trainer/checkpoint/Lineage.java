package dev.simclr.trainer.checkpoint;

import dev.simclr.contracts.OffsetRanges;
import dev.simclr.contracts.TrainedPosition;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counters of a checkpoint lineage at one step: what the manifest records besides the model.
 *
 * @param step optimiser steps taken
 * @param epoch passes over the dataset (see docs/trainer.md for how it is derived)
 * @param samplesSeen view pairs trained on, exactly
 * @param offsets views-topic partition to its watermark: every record below it was trained, dead-lettered or skipped
 * @param deadLettered records dead-lettered before this position
 * @param skippedOtherRun records of other runs skipped before this position
 * @param partialSteps steps trained on a partial batch
 * @param loss mean training loss of the steps since the previous checkpoint (NaN before any step)
 * @param trainedAbove per partition, the records at or above its watermark that were trained, dead-lettered or skipped
 *     too (the shuffle buffer releases pairs out of order); absent = none
 */
public record Lineage(
        long step,
        long epoch,
        long samplesSeen,
        Map<Integer, Long> offsets,
        long deadLettered,
        long skippedOtherRun,
        long partialSteps,
        double loss,
        Map<Integer, OffsetRanges> trainedAbove) {

    /** Validates and copies. */
    public Lineage {
        if (step < 0 || epoch < 0 || samplesSeen < 0 || deadLettered < 0 || skippedOtherRun < 0 || partialSteps < 0) {
            throw new IllegalArgumentException("lineage counters must be >= 0");
        }
        offsets = new TreeMap<>(offsets);
        trainedAbove = new TrainedPosition(offsets, trainedAbove).trainedAbove();
    }

    /** A lineage with nothing trained above its offsets (consumption order). */
    public Lineage(
            long step,
            long epoch,
            long samplesSeen,
            Map<Integer, Long> offsets,
            long deadLettered,
            long skippedOtherRun,
            long partialSteps,
            double loss) {
        this(step, epoch, samplesSeen, offsets, deadLettered, skippedOtherRun, partialSteps, loss, Map.of());
    }

    /** Returns the offsets and the ranges above them. */
    public TrainedPosition position() {
        return new TrainedPosition(offsets, trainedAbove);
    }
}
