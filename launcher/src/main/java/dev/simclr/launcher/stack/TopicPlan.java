package dev.simclr.launcher.stack;

import dev.simclr.contracts.Topics;
import java.util.List;
import java.util.Map;

/**
 * The topics a local stack creates: {@code simclr.images} and {@code simclr.views} with 4
 * partitions (the augmenter and trainer parallelise over them), everything else with 1.
 * {@code simclr.images} is the durable dataset log (kept for ever); {@code simclr.views} is
 * ephemeral traffic bounded by time and size; checkpoints and results are small and kept;
 * progress and dead letters expire.
 */
public final class TopicPlan {

  /** Partitions of {@code simclr.images} and {@code simclr.views}. */
  public static final int DATA_PARTITIONS = 4;
  /** The training progress topic (published by the trainer, read by the dashboard and the demo). */
  public static final String PROGRESS = Topics.PROGRESS;

  private static final String FOREVER = "-1";
  private static final String DAY_MS = String.valueOf(24L * 3600 * 1000);
  private static final String FOURTEEN_DAYS_MS = String.valueOf(14L * 24 * 3600 * 1000);
  /** simclr.views: 6 hours ... */
  private static final String VIEWS_RETENTION_MS = String.valueOf(6L * 3600 * 1000);
  /** ... and at most 512 MiB per partition (2 GiB in all, ~1.3 M pairs of 28x28x1). */
  private static final String VIEWS_RETENTION_BYTES = String.valueOf(512L * 1024 * 1024);
  /** Segments small enough that retention can delete something long before a partition is full. */
  private static final String VIEWS_SEGMENT_BYTES = String.valueOf(64L * 1024 * 1024);

  /**
   * One topic.
   *
   * @param name topic name
   * @param partitions partition count
   * @param configs topic configs
   */
  public record TopicSpec(String name, int partitions, Map<String, String> configs) {
  }

  private TopicPlan() {
  }

  /** Every topic of the pipeline, in creation order. */
  public static List<TopicSpec> topics() {
    return List.of(
        new TopicSpec(Topics.IMAGES, DATA_PARTITIONS, Map.of("retention.ms", FOREVER, "retention.bytes", FOREVER)),
        new TopicSpec(Topics.VIEWS, DATA_PARTITIONS, Map.of("retention.ms", VIEWS_RETENTION_MS,
            "retention.bytes", VIEWS_RETENTION_BYTES, "segment.bytes", VIEWS_SEGMENT_BYTES)),
        new TopicSpec(Topics.CHECKPOINTS, 1, Map.of("retention.ms", FOREVER)),
        new TopicSpec(Topics.EVAL, 1, Map.of("retention.ms", FOREVER)),
        new TopicSpec(PROGRESS, 1, Map.of("retention.ms", DAY_MS)),
        new TopicSpec(Topics.IMAGES_DLQ, 1, Map.of("retention.ms", FOURTEEN_DAYS_MS)),
        new TopicSpec(Topics.VIEWS_DLQ, 1, Map.of("retention.ms", FOURTEEN_DAYS_MS)),
        new TopicSpec(Topics.CHECKPOINTS_DLQ, 1, Map.of("retention.ms", FOURTEEN_DAYS_MS)));
  }
}
