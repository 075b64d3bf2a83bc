package dev.simclr.contracts;

import dev.simclr.contracts.TopicSpec.CleanupPolicy;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The topic table: every topic of the pipeline with its partitions, retention, record limit and cleanup policy, stated
 * once. The launcher creates its topics from it; deploy/validation checks docker-compose's {@code kafka-init} and every
 * Strimzi {@code KafkaTopic} against it; the values and why they were chosen are in {@code docs/contracts.md} ("The
 * topic table").
 */
public final class TopicTable {

    /** Unbounded retention. */
    public static final long UNBOUNDED = -1;

    private static final long HOUR_MS = 3_600_000L;
    private static final long DAY_MS = 24 * HOUR_MS;
    private static final long MIB = 1024L * 1024;

    /** Partitions of the data topics ({@code simclr.images}, {@code simclr.views}) on one machine. */
    public static final int SINGLE_HOST_DATA_PARTITIONS = 4;
    /** Partitions of the data topics on a cluster: the augmenter's and the views' parallelism. */
    public static final int CLUSTER_DATA_PARTITIONS = 8;
    /**
     * The largest record of {@code simclr.views} and its dead letters: 8 MiB, above the largest view pair
     * ({@link ViewPairCodec#MAX_ENCODED_BYTES}, two 1024x1024x3 views) plus headers.
     */
    public static final int VIEW_RECORD_BYTES = (int) (8 * MIB);
    /** The largest record of the JSON topics (image refs are at most 64 KiB, events far smaller). */
    public static final int JSON_RECORD_BYTES = (int) MIB;

    private static final List<TopicSpec> ALL = List.of(
            // the dataset: kept for ever (not compacted: keys are optional, a compacted topic refuses keyless records)
            data(Topics.IMAGES, UNBOUNDED, UNBOUNDED, JSON_RECORD_BYTES, null),
            // ephemeral traffic: a day and 1 GiB per partition, in 64 MiB segments so retention can act early
            data(Topics.VIEWS, DAY_MS, 1024 * MIB, VIEW_RECORD_BYTES, 64 * MIB),
            small(Topics.CHECKPOINTS, UNBOUNDED, UNBOUNDED, JSON_RECORD_BYTES),
            small(Topics.EVAL, UNBOUNDED, UNBOUNDED, JSON_RECORD_BYTES),
            small(Topics.PROGRESS, 7 * DAY_MS, UNBOUNDED, JSON_RECORD_BYTES),
            small(Topics.IMAGES_DLQ, 30 * DAY_MS, UNBOUNDED, JSON_RECORD_BYTES),
            // whole view pairs: bounded by size too, so a misconfigured run cannot fill the disk with them
            small(Topics.VIEWS_DLQ, 30 * DAY_MS, 1024 * MIB, VIEW_RECORD_BYTES),
            small(Topics.CHECKPOINTS_DLQ, 30 * DAY_MS, UNBOUNDED, JSON_RECORD_BYTES));

    private TopicTable() {}

    /** Every topic of the pipeline: data topics first, then the dead-letter topics. */
    public static List<TopicSpec> all() {
        return ALL;
    }

    /**
     * The row of {@code topic}.
     *
     * @throws NoSuchElementException when the topic is not in the table
     */
    public static TopicSpec of(String topic) {
        return ALL.stream()
                .filter(t -> t.name().equals(topic))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("topic " + topic + " is not in the topic table"));
    }

    private static TopicSpec data(
            String name, long retentionMs, long retentionBytes, int maxMessageBytes, Long segmentBytes) {
        return new TopicSpec(
                name,
                SINGLE_HOST_DATA_PARTITIONS,
                CLUSTER_DATA_PARTITIONS,
                retentionMs,
                retentionBytes,
                maxMessageBytes,
                CleanupPolicy.DELETE,
                segmentBytes);
    }

    private static TopicSpec small(String name, long retentionMs, long retentionBytes, int maxMessageBytes) {
        return new TopicSpec(name, 1, 1, retentionMs, retentionBytes, maxMessageBytes, CleanupPolicy.DELETE, null);
    }
}
