package dev.simclr.trainer.loop;

import dev.simclr.contracts.TrainedPosition;
import dev.simclr.trainer.checkpoint.Lineage;
import dev.simclr.trainer.input.PairBatch;
import java.util.Map;

/**
 * The lineage counters as training advances (training thread only): steps, exact samples, position (watermarks and the
 * ranges trained above them), dead letters and skips accounted for, epoch, and the loss window since the last
 * checkpoint.
 */
final class LineageState {

    private final long datasetSize;
    private long step;
    private long epoch;
    private long samplesSeen;
    private TrainedPosition position;
    private long deadLettered;
    private long skippedOtherRun;
    private long partialSteps;
    private double lossSum;
    private int lossCount;
    private double lastLoss = Double.NaN;
    private double checkpointLoss = Double.NaN;

    private LineageState(Lineage from, long datasetSize) {
        this.datasetSize = datasetSize;
        this.step = from.step();
        this.epoch = from.epoch();
        this.samplesSeen = from.samplesSeen();
        this.position = from.position();
        this.deadLettered = from.deadLettered();
        this.skippedOtherRun = from.skippedOtherRun();
        this.partialSteps = from.partialSteps();
        this.checkpointLoss = from.loss();
    }

    /** A fresh lineage starting at the given positions. */
    static LineageState fresh(Map<Integer, Long> start, long datasetSize) {
        return new LineageState(new Lineage(0, 0, 0, start, 0, 0, 0, Double.NaN), datasetSize);
    }

    /** A lineage continuing from a checkpoint. */
    static LineageState resumed(Lineage lineage, long datasetSize) {
        return new LineageState(lineage, datasetSize);
    }

    /** Accounts for a trained batch and its loss. */
    void apply(PairBatch batch, float loss) {
        step++;
        samplesSeen += batch.size();
        position = batch.position();
        deadLettered += batch.deadLettered();
        skippedOtherRun += batch.skippedOtherRun();
        if (batch.partial()) {
            partialSteps++;
        }
        epoch = datasetSize > 0 ? samplesSeen / datasetSize : Math.max(epoch, batch.maxEpoch());
        lastLoss = loss;
        lossSum += loss;
        lossCount++;
    }

    /** The counters for a checkpoint now; the loss is the mean since the previous checkpoint. */
    Lineage snapshot() {
        double loss = lossCount > 0 ? lossSum / lossCount : checkpointLoss;
        return new Lineage(
                step,
                epoch,
                samplesSeen,
                position.watermarks(),
                deadLettered,
                skippedOtherRun,
                partialSteps,
                loss,
                position.trainedAbove());
    }

    /** Starts a new loss window after a checkpoint. */
    void checkpointed(Lineage written) {
        checkpointLoss = written.loss();
        lossSum = 0;
        lossCount = 0;
    }

    long step() {
        return step;
    }

    long epoch() {
        return epoch;
    }

    long samplesSeen() {
        return samplesSeen;
    }

    /** The watermarks: what the monitoring commit publishes (buffered pairs never count as trained). */
    Map<Integer, Long> offsets() {
        return position.watermarks();
    }

    double lastLoss() {
        return lastLoss;
    }
}
