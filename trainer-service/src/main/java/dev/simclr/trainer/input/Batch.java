package dev.simclr.trainer.input;

import dev.simclr.contracts.ViewPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A sealed batch of view pairs for one training step, with the consumption position it completes.
 *
 * @param sequence 1-based batch number in this process
 * @param pairs the pairs, in arrival order (B, or at least {@link PairBatcher#MIN_PAIRS} when partial)
 * @param offsets partition to the next offset to consume once this batch is trained: every record of
 *     the partition before it is in this batch, an earlier one, dead-lettered or skipped
 * @param deadLettered records dead-lettered since the previous batch
 * @param skippedOtherRun records of another run skipped since the previous batch
 * @param partial whether the batch was sealed by the partial-batch timeout
 */
public record Batch(long sequence, List<ViewPair> pairs, Map<Integer, Long> offsets, int deadLettered,
        int skippedOtherRun, boolean partial) {

    /** Copies the collections. */
    public Batch {
        pairs = List.copyOf(pairs);
        offsets = Map.copyOf(offsets);
    }

    /** Returns the number of pairs. */
    public int size() {
        return pairs.size();
    }

    /** Returns the first view of every pair (internal arrays, do not modify). */
    public List<byte[]> firstViews() {
        List<byte[]> out = new ArrayList<>(pairs.size());
        pairs.forEach(p -> out.add(p.view1()));
        return out;
    }

    /** Returns the second view of every pair (internal arrays, do not modify). */
    public List<byte[]> secondViews() {
        List<byte[]> out = new ArrayList<>(pairs.size());
        pairs.forEach(p -> out.add(p.view2()));
        return out;
    }

    /** Returns the largest augmenter epoch among the pairs. */
    public int maxEpoch() {
        return pairs.stream().mapToInt(ViewPair::epoch).max().orElse(0);
    }
}
