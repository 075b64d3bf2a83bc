package dev.simclr.contracts;

import java.util.List;

/**
 * The Kafka rights of each identity of the pipeline: the ACLs its Kafka user needs and nothing more (least privilege).
 * The one table deployments (Strimzi {@code KafkaUser}s) and the secured integration test are built from;
 * {@code docs/operations.md} shows it. Consumer groups and transactional ids are granted by the prefixes the services
 * derive their names from (the defaults: a changed {@code group-prefix} or {@code transactional-id-prefix} needs
 * matching ACLs). Reading or writing a topic implies describing it, as in Kafka.
 */
public final class KafkaAccess {

    /**
     * Prefix of the augmenter's epoch groups ({@code <prefix><run-id>.e<n>}) and transactional ids
     * ({@code <prefix><run-id>-<instance>}).
     */
    public static final String AUGMENTER_PREFIX = "simclr-augmenter.";
    /**
     * Prefix of the trainer's group {@code <prefix><run-id>} (offsets committed for monitoring and the augmenter's lag
     * gate).
     */
    public static final String TRAINER_GROUP_PREFIX = "simclr-trainer.";
    /**
     * Prefix of the evaluator's groups: {@code simclr-evaluator} (checkpoints) and
     * {@code simclr-evaluator-progress-<uuid>}.
     */
    public static final String EVALUATOR_GROUP_PREFIX = "simclr-evaluator";

    /**
     * The augmenter's default group and transactional-id prefix of {@code runId}: {@code simclr-augmenter.<run-id>}.
     */
    public static String augmenterPrefix(String runId) {
        return AUGMENTER_PREFIX + runId;
    }

    /** The augmenter's consumer group of {@code epoch}: {@code <group-prefix>.e<epoch>}. */
    public static String epochGroup(String groupPrefix, int epoch) {
        return groupPrefix + ".e" + epoch;
    }

    /** The augmenter's transactional id: {@code <transactional-id-prefix>-<instance-id>}. */
    public static String transactionalId(String transactionalIdPrefix, String instanceId) {
        return transactionalIdPrefix + "-" + instanceId;
    }

    /** The trainer's group of {@code runId}: {@code simclr-trainer.<run-id>}. */
    public static String trainerGroup(String runId) {
        return TRAINER_GROUP_PREFIX + runId;
    }

    /** Who holds the rights. */
    public enum Identity {
        /** augmenter-service. */
        AUGMENTER,
        /** trainer-service. */
        TRAINER,
        /** evaluator-service. */
        EVALUATOR,
        /** A user's tools ({@code simclr push}, {@code import}, {@code watch}): push images, read results. */
        CLIENT
    }

    /** Kafka resource types used here. */
    public enum ResourceType {
        /** A topic. */
        TOPIC,
        /** A consumer group. */
        GROUP,
        /** A producer's transactional id. */
        TRANSACTIONAL_ID
    }

    /** How a grant's name matches resources. */
    public enum PatternType {
        /** Exactly this name. */
        LITERAL,
        /** Every name starting with it. */
        PREFIXED
    }

    /** Kafka operations used here. */
    public enum Operation {
        /** Consume a topic; join and commit to a group. */
        READ,
        /** Produce to a topic; use a transactional id. */
        WRITE,
        /** Look a resource up (offsets of a group, partitions of a topic). */
        DESCRIBE
    }

    /**
     * One ACL entry: allow {@code operation} on the resources matching {@code name} by {@code pattern}.
     *
     * @param type resource type
     * @param name topic, group or transactional id (or its prefix)
     * @param pattern literal or prefixed
     * @param operation the allowed operation
     */
    public record Grant(ResourceType type, String name, PatternType pattern, Operation operation) {}

    private KafkaAccess() {}

    /** The grants of {@code identity}. */
    public static List<Grant> grants(Identity identity) {
        return switch (identity) {
            case AUGMENTER ->
                List.of(
                        topic(Topics.IMAGES, Operation.READ),
                        topic(Topics.VIEWS, Operation.WRITE),
                        topic(Topics.IMAGES_DLQ, Operation.WRITE),
                        prefixed(ResourceType.GROUP, AUGMENTER_PREFIX, Operation.READ),
                        prefixed(ResourceType.TRANSACTIONAL_ID, AUGMENTER_PREFIX, Operation.WRITE),
                        prefixed(ResourceType.GROUP, TRAINER_GROUP_PREFIX, Operation.DESCRIBE));
            case TRAINER ->
                List.of(
                        topic(Topics.VIEWS, Operation.READ),
                        topic(Topics.CHECKPOINTS, Operation.WRITE),
                        topic(Topics.PROGRESS, Operation.WRITE),
                        topic(Topics.VIEWS_DLQ, Operation.WRITE),
                        prefixed(ResourceType.GROUP, TRAINER_GROUP_PREFIX, Operation.READ));
            case EVALUATOR ->
                List.of(
                        topic(Topics.CHECKPOINTS, Operation.READ),
                        topic(Topics.PROGRESS, Operation.READ),
                        topic(Topics.VIEWS, Operation.READ),
                        topic(Topics.EVAL, Operation.WRITE),
                        topic(Topics.CHECKPOINTS_DLQ, Operation.WRITE),
                        prefixed(ResourceType.GROUP, EVALUATOR_GROUP_PREFIX, Operation.READ));
            case CLIENT -> List.of(topic(Topics.IMAGES, Operation.WRITE), topic(Topics.EVAL, Operation.READ));
        };
    }

    private static Grant topic(String name, Operation op) {
        return new Grant(ResourceType.TOPIC, name, PatternType.LITERAL, op);
    }

    private static Grant prefixed(ResourceType type, String prefix, Operation op) {
        return new Grant(type, prefix, PatternType.PREFIXED, op);
    }
}
