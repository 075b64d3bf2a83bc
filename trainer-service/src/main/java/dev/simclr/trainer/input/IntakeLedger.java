package dev.simclr.trainer.input;

import dev.simclr.contracts.OffsetRanges;
import dev.simclr.contracts.TrainedPosition;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the polling thread has consumed, per partition, and which consumed pairs are not yet in a sealed batch (they
 * wait in the shuffle buffer or the pending batch). Sealed batches are trained in the order they are sealed, so the
 * {@link #snapshot} taken when a batch is sealed is exactly the lineage's {@link TrainedPosition} once that batch is
 * trained: the watermark is the oldest unsealed pair (or the position when there is none), and every consumed record at
 * or above it that is not unsealed is trained. After a resume the checkpoint's ranges above its watermarks ("carried")
 * are trained too: they are skipped when read again ({@link #trainedBefore}), and the part of them not yet read again
 * is carried into every snapshot, so a checkpoint written while re-reading loses none.
 *
 * <p>Offsets of one partition must only grow: a smaller one means a record was read twice, a bug that would break
 * exactly-once counting, so it fails loudly. Not thread-safe.
 */
final class IntakeLedger {

    private final TreeMap<Integer, Long> next = new TreeMap<>();
    private final Map<Integer, TreeSet<Long>> unsealed = new HashMap<>();
    private final Map<Integer, OffsetRanges> carried;

    /**
     * Starts at the consumer's positions.
     *
     * @param start partition to the first offset to consume (the checkpoint's watermark)
     * @param resumed what the checkpoint resumed from trained at or above those positions
     */
    IntakeLedger(Map<Integer, Long> start, Map<Integer, OffsetRanges> resumed) {
        start.forEach((p, o) -> {
            if (p < 0 || o < 0) {
                throw new IllegalArgumentException("offsets: partition and offset must be >= 0, got " + p + " -> " + o);
            }
            next.put(p, o);
        });
        Map<Integer, OffsetRanges> c = new HashMap<>();
        resumed.forEach((p, r) -> {
            Long from = start.get(p);
            if (!r.isEmpty() && (from == null || r.first() < from)) {
                throw new IllegalArgumentException("offsets: trained ranges of partition " + p + " start at "
                        + r.first() + ", below its start position " + from);
            }
            if (!r.isEmpty()) {
                c.put(p, r);
            }
        });
        this.carried = Map.copyOf(c);
    }

    /** Returns whether the record was trained by the lineage before the checkpoint resumed from. */
    boolean trainedBefore(int partition, long offset) {
        OffsetRanges r = carried.get(partition);
        return r != null && r.contains(offset);
    }

    /** Records a consumed record that needs no batch (dead-lettered, skipped, or trained before). */
    void consumed(int partition, long offset) {
        Long current = next.get(partition);
        if (current != null && offset < current) {
            throw new IllegalStateException("offsets: record " + partition + "@" + offset + " is before the position "
                    + current + " (read twice?)");
        }
        next.put(partition, offset + 1);
    }

    /** Records a consumed pair that is not yet in a sealed batch. */
    void held(int partition, long offset) {
        consumed(partition, offset);
        unsealed.computeIfAbsent(partition, p -> new TreeSet<>()).add(offset);
    }

    /** Records that a held pair is now in a sealed batch. */
    void sealed(int partition, long offset) {
        TreeSet<Long> held = unsealed.get(partition);
        if (held == null || !held.remove(offset)) {
            throw new IllegalStateException("offsets: pair " + partition + "@" + offset + " sealed but not held");
        }
    }

    /** Returns the number of pairs held (not yet sealed). */
    int heldPairs() {
        return unsealed.values().stream().mapToInt(TreeSet::size).sum();
    }

    /** The position the lineage reaches once every batch sealed so far is trained. */
    TrainedPosition snapshot() {
        Map<Integer, Long> watermarks = new TreeMap<>();
        Map<Integer, OffsetRanges> above = new TreeMap<>();
        for (Map.Entry<Integer, Long> e : next.entrySet()) {
            int p = e.getKey();
            long position = e.getValue();
            TreeSet<Long> held = unsealed.getOrDefault(p, new TreeSet<>());
            long watermark = held.isEmpty() ? position : held.first();
            OffsetRanges.Builder b = OffsetRanges.builder();
            long from = watermark;
            for (long h : held) {
                b.add(from, h - 1);
                from = h + 1;
            }
            b.add(from, position - 1);
            OffsetRanges rest = carried.getOrDefault(p, OffsetRanges.EMPTY).atOrAbove(position);
            b.addAll(rest);
            watermarks.put(p, watermark);
            above.put(p, b.build());
        }
        return new TrainedPosition(watermarks, above);
    }
}
