package dev.simclr.augmenter.loop;

import dev.simclr.contracts.KafkaAccess;
import dev.simclr.contracts.Topics;
import dev.simclr.kafka.KafkaSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Everything the {@link AugmenterLoop} needs besides the image pipeline: where Kafka is, which run and epochs,
 * group and transactional-id naming, batch size, worker count, lag gate and timing. Immutable; build with
 * {@link #builder()} ({@code setX} required, {@code optX} optional).
 *
 * @param kafka the {@code kafka.*} client settings (bootstrap servers, security), applied to every client
 * @param runId the run id (names groups, transactional ids and the trainer group by default)
 * @param epochs passes over the images topic, ≥ 1
 * @param groupPrefix epoch {@code e} consumes with group {@code <groupPrefix>.e<e>}
 * @param transactionalIdPrefix the producer's transactional.id is {@code <prefix>-<instanceId>}
 * @param instanceId this replica's id, unique among live replicas, ideally stable across its restarts
 * @param transactionTimeout the producer's transaction.timeout.ms
 * @param maxPollRecords records per poll and per transaction
 * @param workers threads that fetch, decode and augment
 * @param maxViewsLag pause while the trainer's lag on the views topic exceeds this (0 = never pause)
 * @param trainerGroup the trainer's consumer group on the views topic
 * @param imagesTopic input topic; its dead letters go to {@code Topics.dlq(imagesTopic)}
 * @param viewsTopic output topic
 * @param checkInterval how often the lag gate and the epoch's completion are checked
 * @param progressInterval how often progress is logged
 * @param pollTimeout longest wait in one poll
 * @param minBackoff first delay after a failed transaction or an unavailable store (doubles up to max)
 * @param maxBackoff longest such delay
 * @param shutdownTimeout how long {@link AugmenterLoop#close()} waits for the in-flight batch
 * @param consumerOverrides consumer tuning set in code (e.g. shorter session timeouts in tests); like the
 *     {@code kafka.*} settings they never change the values the loop fixes
 * @param producerOverrides producer tuning set in code, likewise
 */
public record LoopSettings(KafkaSettings kafka, String runId, int epochs, String groupPrefix,
        String transactionalIdPrefix, String instanceId, Duration transactionTimeout, int maxPollRecords, int workers,
        long maxViewsLag, String trainerGroup, String imagesTopic, String viewsTopic, Duration checkInterval,
        Duration progressInterval, Duration pollTimeout, Duration minBackoff, Duration maxBackoff,
        Duration shutdownTimeout, Map<String, Object> consumerOverrides, Map<String, Object> producerOverrides) {

    /** Default records per poll and per transaction. */
    public static final int DEFAULT_MAX_POLL_RECORDS = 64;
    /** Default lag gate threshold, in view pairs. */
    public static final long DEFAULT_MAX_VIEWS_LAG = 20_000;

    /** Validates; the maps are copied. */
    public LoopSettings {
        if (kafka == null) {
            throw new IllegalArgumentException("Kafka settings are required");
        }
        require(kafka.bootstrapServers(), "bootstrap servers");
        require(runId, "run id");
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (maxPollRecords < 1 || workers < 1 || maxViewsLag < 0) {
            throw new IllegalArgumentException("max poll records and workers must be >= 1 and max views lag >= 0, got "
                    + maxPollRecords + ", " + workers + ", " + maxViewsLag);
        }
        Topics.checkName(imagesTopic);
        Topics.checkName(viewsTopic);
        if (!instanceId.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("instance id must be 1-100 characters of [A-Za-z0-9._-], got '" + instanceId + "'");
        }
        consumerOverrides = Map.copyOf(consumerOverrides);
        producerOverrides = Map.copyOf(producerOverrides);
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The Kafka bootstrap servers. */
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The dead-letter topic of the images topic. */
    public String dlqTopic() {
        return Topics.dlq(imagesTopic);
    }

    /** The producer's transactional.id. */
    public String transactionalId() {
        return KafkaAccess.transactionalId(transactionalIdPrefix, instanceId);
    }

    /** The consumer group of {@code epoch}. */
    public String groupId(int epoch) {
        return KafkaAccess.epochGroup(groupPrefix, epoch);
    }

    /** The default instance id: {@code $HOSTNAME} when set and valid, else 8 random hex digits. */
    public static String defaultInstanceId() {
        String host = System.getenv("HOSTNAME");
        if (host != null && host.matches("[A-Za-z0-9._-]{1,100}")) {
            return host;
        }
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static void require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
    }

    /** Builder: Kafka settings (or bootstrap servers), run id and epochs are required. */
    public static final class Builder {
        private KafkaSettings kafka;
        private String runId;
        private int epochs;
        private String groupPrefix;
        private String transactionalIdPrefix;
        private String instanceId;
        private Duration transactionTimeout = Duration.ofSeconds(30);
        private int maxPollRecords = DEFAULT_MAX_POLL_RECORDS;
        private int workers = Runtime.getRuntime().availableProcessors();
        private long maxViewsLag = DEFAULT_MAX_VIEWS_LAG;
        private String trainerGroup;
        private String imagesTopic = Topics.IMAGES;
        private String viewsTopic = Topics.VIEWS;
        private Duration checkInterval = Duration.ofSeconds(1);
        private Duration progressInterval = Duration.ofSeconds(10);
        private Duration pollTimeout = Duration.ofMillis(200);
        private Duration minBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private Duration shutdownTimeout = Duration.ofSeconds(20);
        private final Map<String, Object> consumerOverrides = new LinkedHashMap<>();
        private final Map<String, Object> producerOverrides = new LinkedHashMap<>();

        private Builder() {
        }

        /** Required (or {@link #setKafka}): Kafka bootstrap servers of a plain-text cluster. */
        public Builder setBootstrapServers(String servers) {
            this.kafka = servers == null || servers.isBlank() ? null : KafkaSettings.bootstrap(servers);
            return this;
        }

        /** Required (or {@link #setBootstrapServers}): the {@code kafka.*} client settings. */
        public Builder setKafka(KafkaSettings settings) {
            this.kafka = settings;
            return this;
        }

        /** Required: the run id. */
        public Builder setRunId(String runId) {
            this.runId = runId;
            return this;
        }

        /** Required: number of epochs, ≥ 1. */
        public Builder setEpochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /** Group prefix (default {@code simclr-augmenter.<run-id>}, see {@link KafkaAccess#AUGMENTER_PREFIX}). */
        public Builder optGroupPrefix(String prefix) {
            this.groupPrefix = prefix;
            return this;
        }

        /** transactional.id prefix (default {@code simclr-augmenter.<run-id>}). */
        public Builder optTransactionalIdPrefix(String prefix) {
            this.transactionalIdPrefix = prefix;
            return this;
        }

        /** Instance id (default {@link #defaultInstanceId()}). */
        public Builder optInstanceId(String id) {
            this.instanceId = id;
            return this;
        }

        /** transaction.timeout.ms (default 30 s). */
        public Builder optTransactionTimeout(Duration timeout) {
            this.transactionTimeout = timeout;
            return this;
        }

        /** Records per poll and per transaction (default {@value LoopSettings#DEFAULT_MAX_POLL_RECORDS}). */
        public Builder optMaxPollRecords(int n) {
            this.maxPollRecords = n;
            return this;
        }

        /** Worker threads (default: available processors). */
        public Builder optWorkers(int n) {
            this.workers = n;
            return this;
        }

        /** Lag gate threshold in view pairs, 0 = off (default {@value LoopSettings#DEFAULT_MAX_VIEWS_LAG}). */
        public Builder optMaxViewsLag(long pairs) {
            this.maxViewsLag = pairs;
            return this;
        }

        /** The trainer's group (default {@code simclr-trainer.<run-id>}). */
        public Builder optTrainerGroup(String group) {
            this.trainerGroup = group;
            return this;
        }

        /** Input and output topics (default {@code simclr.images}, {@code simclr.views}). */
        public Builder optTopics(String images, String views) {
            this.imagesTopic = images;
            this.viewsTopic = views;
            return this;
        }

        /** Check, progress-log and poll intervals (defaults 1 s, 10 s, 200 ms). */
        public Builder optIntervals(Duration check, Duration progress, Duration poll) {
            this.checkInterval = check;
            this.progressInterval = progress;
            this.pollTimeout = poll;
            return this;
        }

        /** Retry backoff range (default 1 s to 30 s). */
        public Builder optBackoff(Duration min, Duration max) {
            this.minBackoff = min;
            this.maxBackoff = max;
            return this;
        }

        /** How long close() waits for the in-flight batch (default 20 s). */
        public Builder optShutdownTimeout(Duration timeout) {
            this.shutdownTimeout = timeout;
            return this;
        }

        /** A consumer tuning property (code-level; fixed values still win). */
        public Builder optConsumerProperty(String key, Object value) {
            consumerOverrides.put(key, value);
            return this;
        }

        /** A producer tuning property (code-level; fixed values still win). */
        public Builder optProducerProperty(String key, Object value) {
            producerOverrides.put(key, value);
            return this;
        }

        /** Validates and builds. */
        public LoopSettings build() {
            require(runId, "run id");
            if (kafka == null) {
                throw new IllegalArgumentException("bootstrap servers are required");
            }
            String prefix = groupPrefix != null && !groupPrefix.isBlank() ? groupPrefix
                    : KafkaAccess.augmenterPrefix(runId);
            String txPrefix = transactionalIdPrefix != null && !transactionalIdPrefix.isBlank()
                    ? transactionalIdPrefix : KafkaAccess.augmenterPrefix(runId);
            String trainer = trainerGroup != null && !trainerGroup.isBlank() ? trainerGroup
                    : KafkaAccess.trainerGroup(runId);
            String instance = instanceId != null && !instanceId.isBlank() ? instanceId : defaultInstanceId();
            for (Duration d : new Duration[] {transactionTimeout, checkInterval, progressInterval, pollTimeout, minBackoff,
                    maxBackoff, shutdownTimeout}) {
                if (d == null || d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("durations must be positive, got " + d);
                }
            }
            if (maxBackoff.compareTo(minBackoff) < 0) {
                throw new IllegalArgumentException("max backoff must be >= min backoff");
            }
            return new LoopSettings(kafka, runId, epochs, prefix, txPrefix, instance, transactionTimeout,
                    maxPollRecords, workers, maxViewsLag, trainer, imagesTopic, viewsTopic, checkInterval, progressInterval,
                    pollTimeout, minBackoff, maxBackoff, shutdownTimeout, consumerOverrides, producerOverrides);
        }
    }
}
