package dev.simclr.trainer.checkpoint;

import dev.simclr.contracts.CheckpointManifest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where each partition of the views topic starts: at the offsets of the newest verified checkpoint, or — for a fresh
 * run — at {@link StartFrom}. A partition the checkpoint does not list was added to the topic after it, so all of its
 * records are new: it starts at the beginning. The consumer group's committed offsets are never used.
 */
public final class ResumePlan {

    private ResumePlan() {}

    /**
     * Plans the seek of every partition.
     *
     * @param topic the views topic
     * @param partitions the topic's partitions now
     * @param checkpoint the manifest resumed from, if any
     * @param startFrom where a fresh run starts
     * @return partition to seek target, for every partition
     * @throws IllegalStateException if the checkpoint lists partitions the topic no longer has (the topic was
     *     re-created: its offsets mean nothing any more)
     */
    public static Map<Integer, SeekTarget> plan(
            String topic, List<Integer> partitions, Optional<CheckpointManifest> checkpoint, StartFrom startFrom) {
        Map<Integer, SeekTarget> plan = new TreeMap<>();
        if (checkpoint.isEmpty()) {
            SeekTarget t = startFrom == StartFrom.LATEST ? new SeekTarget.End() : new SeekTarget.Beginning();
            partitions.forEach(p -> plan.put(p, t));
            return plan;
        }
        CheckpointManifest m = checkpoint.get();
        Map<Integer, Long> recorded = m.offsets().getOrDefault(topic, Map.of());
        for (Integer p : recorded.keySet()) {
            if (!partitions.contains(p)) {
                throw new IllegalStateException("checkpoint step " + m.step() + " of run " + m.runId() + " records "
                        + topic + " partition " + p + ", which the topic does not have (partitions " + partitions
                        + "): was the topic re-created? Start a new run id");
            }
        }
        for (Integer p : partitions) {
            Long offset = recorded.get(p);
            plan.put(p, offset == null ? new SeekTarget.Beginning() : new SeekTarget.At(offset));
        }
        return plan;
    }
}
