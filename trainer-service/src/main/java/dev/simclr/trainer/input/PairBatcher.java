package dev.simclr.trainer.input;

import dev.simclr.contracts.EncodedViewPair;
import dev.simclr.contracts.TrainedPosition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Groups view pairs into batches of B pairs, after a {@link ShuffleBuffer} that changes their order (capacity 0:
 * consumption order). Every consumed record is reported — pairs with {@link #add}, dead-lettered or skipped records
 * with {@link #consumed}, records the lineage trained before its checkpoint through {@link #skipIfTrained} — so that
 * each sealed batch carries the exact {@link TrainedPosition} it completes ({@link PairBatch#position()}).
 *
 * <p>The shuffle buffer releases a pair only in exchange for a new one; when the input is idle ({@link #releaseIdle})
 * it hands out pairs until a batch is sealed, so the tail of a stream is trained too. A partial batch is sealed by
 * {@link #sealIfDue} once its first pair has waited {@code partialTimeout} and it holds at least {@value #MIN_PAIRS}
 * pairs (NT-Xent needs negatives); a single pair keeps waiting. Not thread-safe: the polling thread owns it.
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

    private record Held(int partition, long offset, EncodedViewPair pair) {}

    private final int batchSize;
    private final long partialTimeoutNanos;
    private final IntakeLedger ledger;
    private final ShuffleBuffer<Held> shuffle;
    private List<Held> pending = new ArrayList<>();
    private long firstPairNanos;
    private int deadLettered;
    private int skipped;
    private long trainedBefore;
    private long sequence;

    /**
     * Creates a batcher that keeps consumption order, starting a fresh lineage.
     *
     * @param batchSize pairs per full batch, &gt;= {@value #MIN_PAIRS}
     * @param partialTimeout how long a partial batch waits for more pairs
     * @param startOffsets partition to the first offset to consume (the resume position)
     */
    public PairBatcher(int batchSize, Duration partialTimeout, Map<Integer, Long> startOffsets) {
        this(batchSize, partialTimeout, TrainedPosition.of(startOffsets), new ShuffleBuffer<>(0, 0));
    }

    /**
     * Creates a batcher.
     *
     * @param batchSize pairs per full batch, &gt;= {@value #MIN_PAIRS}
     * @param partialTimeout how long a partial batch waits for more pairs
     * @param start the consumer's positions (the checkpoint's watermarks) and the records at or above them the lineage
     *     has trained already (skipped when read again)
     * @param shuffle the shuffle buffer (capacity 0 = consumption order); this batcher owns it
     */
    public PairBatcher(int batchSize, Duration partialTimeout, TrainedPosition start, ShuffleBuffer<?> shuffle) {
        if (batchSize < MIN_PAIRS) {
            throw new IllegalArgumentException("batch size must be >= " + MIN_PAIRS + ", got " + batchSize);
        }
        if (shuffle.size() > 0) {
            throw new IllegalArgumentException("the shuffle buffer must start empty");
        }
        this.batchSize = batchSize;
        this.partialTimeoutNanos = partialTimeout.toNanos();
        this.ledger = new IntakeLedger(start.watermarks(), start.trainedAbove());
        @SuppressWarnings("unchecked")
        ShuffleBuffer<Held> typed = (ShuffleBuffer<Held>) shuffle;
        this.shuffle = typed;
    }

    /**
     * Consumes the record if the lineage trained (or dead-lettered, or skipped) it before the checkpoint it resumed
     * from: it is then neither trained nor counted again.
     *
     * @return whether the record was consumed here
     */
    public boolean skipIfTrained(int partition, long offset) {
        if (!ledger.trainedBefore(partition, offset)) {
            return false;
        }
        ledger.consumed(partition, offset);
        trainedBefore++;
        return true;
    }

    /**
     * Adds a pair read from {@code partition} at {@code offset}.
     *
     * @param nowNanos {@link System#nanoTime()}
     * @return the sealed batch when the pair the shuffle buffer released completed one
     */
    public Optional<PairBatch> add(int partition, long offset, EncodedViewPair pair, long nowNanos) {
        ledger.held(partition, offset);
        Optional<Held> released = shuffle.offer(new Held(partition, offset, pair));
        return released.isPresent() ? enqueue(released.get(), nowNanos) : Optional.empty();
    }

    /** Records a consumed record that is not a pair for this run; it is accounted for in the next sealed batch. */
    public void consumed(int partition, long offset, Disposal disposal) {
        ledger.consumed(partition, offset);
        if (disposal == Disposal.DEAD_LETTERED) {
            deadLettered++;
        } else {
            skipped++;
        }
    }

    /**
     * The input is idle: moves pairs from the shuffle buffer (at random) to the pending batch until one is sealed or
     * the buffer is empty.
     *
     * @param nowNanos {@link System#nanoTime()}
     * @return the sealed batch, if any
     */
    public Optional<PairBatch> releaseIdle(long nowNanos) {
        for (Optional<Held> h = shuffle.poll(); h.isPresent(); h = shuffle.poll()) {
            Optional<PairBatch> sealed = enqueue(h.get(), nowNanos);
            if (sealed.isPresent()) {
                return sealed;
            }
        }
        return Optional.empty();
    }

    /**
     * Seals the pending partial batch if its first pair has waited long enough and it has at least {@value #MIN_PAIRS}
     * pairs.
     *
     * @param nowNanos {@link System#nanoTime()}
     * @return the sealed batch, if any
     */
    public Optional<PairBatch> sealIfDue(long nowNanos) {
        if (pending.size() >= MIN_PAIRS && nowNanos - firstPairNanos >= partialTimeoutNanos) {
            return Optional.of(seal(true));
        }
        return Optional.empty();
    }

    /** Returns the pairs waiting for the next batch. */
    public int pendingPairs() {
        return pending.size();
    }

    /** Returns the pairs held by the shuffle buffer. */
    public int bufferedPairs() {
        return shuffle.size();
    }

    /** Returns the records skipped because the lineage trained them before its checkpoint. */
    public long trainedBeforeSkipped() {
        return trainedBefore;
    }

    private Optional<PairBatch> enqueue(Held h, long nowNanos) {
        if (pending.isEmpty()) {
            firstPairNanos = nowNanos;
        }
        pending.add(h);
        return pending.size() >= batchSize ? Optional.of(seal(false)) : Optional.empty();
    }

    private PairBatch seal(boolean partial) {
        List<EncodedViewPair> pairs = new ArrayList<>(pending.size());
        for (Held h : pending) {
            ledger.sealed(h.partition(), h.offset());
            pairs.add(h.pair());
        }
        PairBatch b = new PairBatch(++sequence, pairs, ledger.snapshot(), deadLettered, skipped, partial);
        pending = new ArrayList<>(batchSize);
        deadLettered = 0;
        skipped = 0;
        return b;
    }
}
