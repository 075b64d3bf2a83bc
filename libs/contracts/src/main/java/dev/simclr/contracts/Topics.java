package dev.simclr.contracts;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The Kafka topic names of the pipeline. Partitions, retention and limits are in {@link TopicTable}; keys and value
 * formats in {@code docs/contracts.md}.
 */
public final class Topics {

    /** Image references pushed by users: the durable dataset log. Key: image id (optional). */
    public static final String IMAGES = "simclr.images";

    /** Binary view pairs produced by the augmenter ({@link ViewPairCodec}). Key: image id. */
    public static final String VIEWS = "simclr.views";

    /** {@link CheckpointEvent} JSON, one per written checkpoint. Key: run id. */
    public static final String CHECKPOINTS = "simclr.checkpoints";

    /** {@link EvalResult} JSON, one per evaluated checkpoint. Key: run id. */
    public static final String EVAL = "simclr.eval";

    /**
     * {@link TrainingProgress} JSON, published by the trainer every few steps for dashboards (key: run id). Monitoring
     * traffic: short retention, never needed to reproduce a run.
     */
    public static final String PROGRESS = "simclr.progress";

    /** Suffix of every dead-letter topic. */
    public static final String DLQ_SUFFIX = ".dlq";

    /** Image references the augmenter could not turn into a view pair. */
    public static final String IMAGES_DLQ = IMAGES + DLQ_SUFFIX;

    /** View pairs the trainer rejected. */
    public static final String VIEWS_DLQ = VIEWS + DLQ_SUFFIX;

    /** Checkpoint events the evaluator could not evaluate. */
    public static final String CHECKPOINTS_DLQ = CHECKPOINTS + DLQ_SUFFIX;

    /** Kafka's longest legal topic name. */
    public static final int MAX_NAME_CHARS = 249;

    private static final Pattern LEGAL = Pattern.compile("[A-Za-z0-9._-]+");

    private Topics() {}

    /** Every topic of the pipeline ({@link TopicTable}'s order): data topics first, then the dead-letter topics. */
    public static List<String> all() {
        return TopicTable.all().stream().map(TopicSpec::name).toList();
    }

    /**
     * The dead-letter topic of {@code topic}: {@code topic + ".dlq"}.
     *
     * @throws ContractException if {@code topic} is not a legal Kafka topic name, or already a dead-letter topic, or
     *     the result would be too long
     */
    public static String dlq(String topic) {
        checkName(topic);
        if (topic.endsWith(DLQ_SUFFIX)) {
            throw new ContractException("topic: " + Text.quote(topic) + " is already a dead-letter topic");
        }
        return checkName(topic + DLQ_SUFFIX);
    }

    /**
     * Checks that {@code topic} is a legal Kafka topic name: 1..249 characters of {@code [A-Za-z0-9._-]}, not
     * {@code "."} or {@code ".."}.
     *
     * @return the name
     * @throws ContractException naming the problem
     */
    public static String checkName(String topic) {
        Checks.required("topic", "name", topic);
        if (topic.isEmpty() || topic.equals(".") || topic.equals("..")) {
            throw new ContractException("topic: illegal name " + Text.quote(topic));
        }
        if (topic.length() > MAX_NAME_CHARS) {
            throw new ContractException(
                    "topic: name is " + topic.length() + " characters long (max " + MAX_NAME_CHARS + ")");
        }
        if (!LEGAL.matcher(topic).matches()) {
            throw new ContractException("topic: name " + Text.quote(topic) + " may only contain [A-Za-z0-9._-]");
        }
        return topic;
    }
}
