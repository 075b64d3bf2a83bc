package dev.simclr.trainer.input;

import java.util.Map;
import java.util.TreeMap;

/**
 * Next offset to consume per partition, advanced record by record in consumption order. A
 * partition's offsets must only grow: a smaller one means records were read twice, a bug that would
 * break exactly-once counting, so it fails loudly.
 */
public final class PartitionOffsets {

    private final TreeMap<Integer, Long> next = new TreeMap<>();

    /**
     * Starts from known positions.
     *
     * @param start partition to the first offset to consume
     */
    public PartitionOffsets(Map<Integer, Long> start) {
        start.forEach((p, o) -> {
            if (p < 0 || o < 0) {
                throw new IllegalArgumentException("offsets: partition and offset must be >= 0, got " + p + " -> " + o);
            }
            next.put(p, o);
        });
    }

    /**
     * Records that the record at {@code offset} of {@code partition} has been consumed.
     *
     * @param partition the partition
     * @param offset the record's offset
     * @throws IllegalStateException if the record is before the partition's position
     */
    public void consumed(int partition, long offset) {
        Long current = next.get(partition);
        if (current != null && offset < current) {
            throw new IllegalStateException("offsets: record " + partition + "@" + offset
                    + " is before the position " + current + " (read twice?)");
        }
        next.put(partition, offset + 1);
    }

    /** Returns the next offset of every partition (a copy). */
    public Map<Integer, Long> snapshot() {
        return new TreeMap<>(next);
    }
}
