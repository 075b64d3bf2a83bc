package dev.simclr.contracts;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of the {@link TopicTable}: a topic and everything a broker needs to create it.
 *
 * @param name topic name ({@link Topics})
 * @param singleHostPartitions partitions on one machine (the launcher's stack, docker-compose)
 * @param clusterPartitions partitions on a cluster (the Strimzi {@code KafkaTopic}s)
 * @param retentionMs {@code retention.ms}; -1 keeps records for ever
 * @param retentionBytes {@code retention.bytes}, per partition; -1 means no size bound
 * @param maxMessageBytes {@code max.message.bytes}: the largest record batch the topic accepts
 * @param cleanupPolicy {@code cleanup.policy}
 * @param segmentBytes {@code segment.bytes}, or null for the broker's default
 */
public record TopicSpec(
        String name,
        int singleHostPartitions,
        int clusterPartitions,
        long retentionMs,
        long retentionBytes,
        int maxMessageBytes,
        CleanupPolicy cleanupPolicy,
        Long segmentBytes) {

    /** Where the topics are created. */
    public enum Scale {
        /** One machine: the launcher's embedded broker, docker-compose's single Kafka node. */
        SINGLE_HOST,
        /** A Kubernetes cluster (Strimzi {@code KafkaTopic}s). */
        CLUSTER
    }

    /** Kafka's {@code cleanup.policy}. */
    public enum CleanupPolicy {
        /** Old segments are deleted by retention time and size. */
        DELETE("delete"),
        /** The newest record per key is kept (a compacted topic refuses records without a key). */
        COMPACT("compact");

        private final String value;

        CleanupPolicy(String value) {
            this.value = value;
        }

        /** The value Kafka expects. */
        public String value() {
            return value;
        }
    }

    /** Checks the row. */
    public TopicSpec {
        Topics.checkName(name);
        if (singleHostPartitions < 1 || clusterPartitions < 1) {
            throw new IllegalArgumentException(name + ": partitions must be >= 1");
        }
        if (retentionMs < -1 || retentionMs == 0 || retentionBytes < -1 || retentionBytes == 0) {
            throw new IllegalArgumentException(name + ": retention must be -1 (unbounded) or positive");
        }
        if (maxMessageBytes < 1) {
            throw new IllegalArgumentException(name + ": max.message.bytes must be >= 1");
        }
        if (cleanupPolicy == null) {
            throw new IllegalArgumentException(name + ": cleanup policy is required");
        }
        if (segmentBytes != null && segmentBytes < 1 << 20) {
            throw new IllegalArgumentException(name + ": segment.bytes must be at least 1 MiB");
        }
    }

    /** The partition count at {@code scale}. */
    public int partitions(Scale scale) {
        return scale == Scale.CLUSTER ? clusterPartitions : singleHostPartitions;
    }

    /**
     * The topic-level configs, as Kafka names and writes them: {@code cleanup.policy}, {@code retention.ms},
     * {@code retention.bytes}, {@code max.message.bytes} and, when set, {@code segment.bytes} (in this order).
     */
    public Map<String, String> configs() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("cleanup.policy", cleanupPolicy.value());
        c.put("retention.ms", Long.toString(retentionMs));
        c.put("retention.bytes", Long.toString(retentionBytes));
        c.put("max.message.bytes", Integer.toString(maxMessageBytes));
        if (segmentBytes != null) {
            c.put("segment.bytes", Long.toString(segmentBytes));
        }
        return Collections.unmodifiableMap(c);
    }
}
