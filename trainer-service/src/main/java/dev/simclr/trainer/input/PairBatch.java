package dev.simclr.trainer.input;

import dev.simclr.contracts.EncodedViewPair;
import dev.simclr.contracts.TrainedPosition;
import java.util.List;
import java.util.Map;

/**
 * A sealed batch of view pairs for one training step, with the consumption position it completes.
 *
 * @param sequence 1-based batch number in this process
 * @param pairs the pairs, in the order the shuffle buffer released them (B, or at least {@link PairBatcher#MIN_PAIRS}
 *     when partial)
 * @param position what the lineage has consumed once this batch is trained: every record below a partition's watermark,
 *     and those listed above it, are in this batch, an earlier one, dead-lettered or skipped; pairs still in the
 *     shuffle buffer are not
 * @param deadLettered records dead-lettered since the previous batch
 * @param skippedOtherRun records of another run skipped since the previous batch
 * @param partial whether the batch was sealed by the partial-batch timeout
 */
public record PairBatch(
        long sequence,
        List<EncodedViewPair> pairs,
        TrainedPosition position,
        int deadLettered,
        int skippedOtherRun,
        boolean partial) {

    /** Copies the collections. */
    public PairBatch {
        pairs = List.copyOf(pairs);
    }

    /** Returns the watermark of every partition (the offsets a checkpoint after this batch publishes). */
    public Map<Integer, Long> offsets() {
        return position.watermarks();
    }

    /** Returns the number of pairs. */
    public int size() {
        return pairs.size();
    }

    /** Returns the largest augmenter epoch among the pairs. */
    public int maxEpoch() {
        return pairs.stream().mapToInt(EncodedViewPair::epoch).max().orElse(0);
    }
}
