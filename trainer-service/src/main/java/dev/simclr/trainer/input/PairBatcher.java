package dev.simclr.trainer.input;

import dev.simclr.contracts.ViewPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Groups view pairs, in consumption order, into batches of B pairs. Every consumed record is
 * reported — pairs with {@link #add}, dead-lettered or skipped records with {@link #consumed} — so
 * that each sealed batch carries the exact position it completes ({@link Batch#offsets()}).
 *
 * <p>A partial batch is sealed by {@link #sealIfDue} once its first pair has waited {@code
 * partialTimeout} and it holds at least {@value #MIN_PAIRS} pairs (NT-Xent needs negatives); a
 * single pair keeps waiting. Not thread-safe: the polling thread owns it.
 */
public final class PairBatcher {

    /** Smallest batch trained after the partial-batch timeout. */
    public static final int MIN_PAIRS = 2;

    /** What happened to a record that is not a pair for this run. */
    public enum Disposal {
        /** Sent to the dead-letter topic. */
        DEAD_LETTERED,
        /** Belongs to another run (header {@code simclr.run.id}). */
        SKIPPED_OTHER_RUN
    }

    private final int batchSize;
    private final long partialTimeoutNanos;
    private final PartitionOffsets offsets;
    private List<ViewPair> pending = new ArrayList<>();
    private long firstPairNanos;
    private int deadLettered;
    private int skipped;
    private long sequence;

    /**
     * Creates a batcher.
     *
     * @param batchSize pairs per full batch, &gt;= {@value #MIN_PAIRS}
     * @param partialTimeout how long a partial batch waits for more pairs
     * @param startOffsets partition to the first offset to consume (the resume position)
     */
    public PairBatcher(int batchSize, Duration partialTimeout, Map<Integer, Long> startOffsets) {
        if (batchSize < MIN_PAIRS) {
            throw new IllegalArgumentException("batch size must be >= " + MIN_PAIRS + ", got " + batchSize);
        }
        this.batchSize = batchSize;
        this.partialTimeoutNanos = partialTimeout.toNanos();
        this.offsets = new PartitionOffsets(startOffsets);
    }

    /**
     * Adds a pair read from {@code partition} at {@code offset}.
     *
     * @param nowNanos {@link System#nanoTime()}
     * @return the sealed batch when this pair completed one
     */
    public Optional<Batch> add(int partition, long offset, ViewPair pair, long nowNanos) {
        offsets.consumed(partition, offset);
        if (pending.isEmpty()) {
            firstPairNanos = nowNanos;
        }
        pending.add(pair);
        return pending.size() >= batchSize ? Optional.of(seal(false)) : Optional.empty();
    }

    /**
     * Records a consumed record that is not a pair for this run; it is accounted for in the next
     * sealed batch.
     */
    public void consumed(int partition, long offset, Disposal disposal) {
        offsets.consumed(partition, offset);
        if (disposal == Disposal.DEAD_LETTERED) {
            deadLettered++;
        } else {
            skipped++;
        }
    }

    /**
     * Seals the pending partial batch if its first pair has waited long enough and it has at least
     * {@value #MIN_PAIRS} pairs.
     *
     * @param nowNanos {@link System#nanoTime()}
     * @return the sealed batch, if any
     */
    public Optional<Batch> sealIfDue(long nowNanos) {
        if (pending.size() >= MIN_PAIRS && nowNanos - firstPairNanos >= partialTimeoutNanos) {
            return Optional.of(seal(true));
        }
        return Optional.empty();
    }

    /** Returns the pairs waiting for the next batch. */
    public int pendingPairs() {
        return pending.size();
    }

    private Batch seal(boolean partial) {
        Batch b = new Batch(++sequence, pending, offsets.snapshot(), deadLettered, skipped, partial);
        pending = new ArrayList<>(batchSize);
        deadLettered = 0;
        skipped = 0;
        return b;
    }
}
