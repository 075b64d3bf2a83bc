package dev.simclr.contracts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * How far a lineage has consumed the views topic, per partition: every record below the watermark, plus the records at
 * or above it listed in {@code trainedAbove}, were trained (or dead-lettered, or skipped as another run's); every other
 * record was not. Without a shuffle buffer {@code trainedAbove} is empty and the watermark is the plain "next offset".
 * The watermarks are what the manifest's {@code offsets} and the monitoring commit publish, so a buffered pair never
 * counts as trained.
 *
 * @param watermarks partition to the watermark
 * @param trainedAbove partition to the records at or above its watermark already consumed by the lineage (absent =
 *     none)
 */
public record TrainedPosition(Map<Integer, Long> watermarks, Map<Integer, OffsetRanges> trainedAbove) {

    /** Checks that every range lies at or above its partition's watermark; copies, dropping empty sets. */
    public TrainedPosition {
        watermarks = Map.copyOf(watermarks);
        Map<Integer, OffsetRanges> above = new TreeMap<>();
        for (Map.Entry<Integer, OffsetRanges> e : trainedAbove.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            Long w = watermarks.get(e.getKey());
            if (w == null || e.getValue().first() < w) {
                throw new IllegalArgumentException("trained offsets of partition " + e.getKey() + " start at "
                        + e.getValue().first() + ", below its watermark " + w);
            }
            above.put(e.getKey(), e.getValue());
        }
        trainedAbove = Map.copyOf(above);
    }

    /** A position with nothing trained above the watermarks. */
    public static TrainedPosition of(Map<Integer, Long> watermarks) {
        return new TrainedPosition(watermarks, Map.of());
    }

    /** Returns whether the lineage consumed the record at {@code offset} of {@code partition}. */
    public boolean covers(int partition, long offset) {
        Long w = watermarks.get(partition);
        return w != null
                && (offset < w
                        || trainedAbove
                                .getOrDefault(partition, OffsetRanges.EMPTY)
                                .contains(offset));
    }

    /** Returns the ranges at or above the watermark of {@code partition} (empty when none). */
    public OffsetRanges above(int partition) {
        return trainedAbove.getOrDefault(partition, OffsetRanges.EMPTY);
    }

    /** Returns the manifest attribute: partition (as a string) to its ranges relative to its watermark. */
    public Map<String, String> toAttribute() {
        Map<String, String> a = new LinkedHashMap<>();
        new TreeMap<>(trainedAbove).forEach((p, r) -> a.put(Integer.toString(p), r.encode(watermarks.get(p))));
        return a;
    }

    /**
     * Reads the manifest attribute written by {@link #toAttribute}; null (a checkpoint written before the attribute
     * existed) means nothing above the watermarks.
     *
     * @throws IllegalArgumentException naming what is malformed
     */
    public static TrainedPosition fromAttribute(Map<Integer, Long> watermarks, Object attribute) {
        if (attribute == null) {
            return of(watermarks);
        }
        if (!(attribute instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(
                    "attribute 'trainedAbove' must map partitions to offset ranges, got " + attribute);
        }
        Map<Integer, OffsetRanges> above = new TreeMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            int p;
            try {
                p = Integer.parseInt(String.valueOf(e.getKey()));
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("attribute 'trainedAbove': bad partition '" + e.getKey() + "'", ex);
            }
            Long w = watermarks.get(p);
            if (w == null || !(e.getValue() instanceof String s)) {
                throw new IllegalArgumentException("attribute 'trainedAbove': partition " + p + " needs an offset in"
                        + " 'offsets' and a string of ranges, got " + e.getValue());
            }
            above.put(p, OffsetRanges.decode(s, w));
        }
        return new TrainedPosition(watermarks, above);
    }
}
