package dev.simclr.trainer.loop;

import dev.simclr.contracts.Topics;
import dev.simclr.kafka.KafkaSettings;
import dev.simclr.model.ModelConfig;
import dev.simclr.model.run.Algorithm;
import dev.simclr.model.run.OptimizerSpec;
import dev.simclr.trainer.checkpoint.Provenance;
import dev.simclr.trainer.checkpoint.StartFrom;
import java.time.Duration;
import java.util.Map;

/**
 * Builds {@link TrainerSettings}: {@code setX} values are required, {@code optX} have the defaults of
 * {@code TrainerConfig}. The schedule length is {@code optTotalSteps}, or {@code ceil(epochs *
 * dataset-size / batch-size)} when both of those are given.
 */
public final class TrainerSettingsBuilder {

    /** The default shuffle buffer, in batches. */
    public static final int DEFAULT_SHUFFLE_BATCHES = 16;

    private String runId;
    private String bucket;
    private KafkaSettings kafka = KafkaSettings.of(Map.of());
    private ModelConfig model;
    private String viewsTopic = Topics.VIEWS;
    private String checkpointsTopic = Topics.CHECKPOINTS;
    private int batchSize = 256;
    private Duration partialBatchTimeout = Duration.ofSeconds(30);
    private long checkpointEvery = 500;
    private Long totalSteps;
    private Integer epochs;
    private long datasetSize;
    private long maxSteps;
    private Algorithm algorithm = Algorithm.LARS;
    private Double lr;
    private Long warmupSteps;
    private double warmupFraction = 0.1;
    private Double weightDecay;
    private double momentum = 0.9;
    private double temperature = 0.2;
    private long seed = 42;
    private String device = "auto";
    private int threads;
    private int queueCapacity = 4;
    private Integer shuffleBuffer;
    private Long shuffleSeed;
    private StartFrom startFrom = StartFrom.EARLIEST;
    private Duration leaseTtl = Duration.ofSeconds(60);
    private String holderId;
    private Duration progressInterval = Duration.ofSeconds(10);
    private String progressTopic = Topics.PROGRESS;
    private long progressEvery = 10;
    private Duration progressMaxInterval = Duration.ofSeconds(5);
    private Duration timeBudget = Duration.ZERO;
    private int timeBudgetMeasureSteps = 20;
    private int timeBudgetSettleSteps = 10;
    private Duration outageTolerance = Duration.ofMinutes(10);

    TrainerSettingsBuilder() {}

    public TrainerSettingsBuilder setRunId(String runId) {
        this.runId = runId;
        return this;
    }

    public TrainerSettingsBuilder setBucket(String bucket) {
        this.bucket = bucket;
        return this;
    }

    /** The bootstrap servers (with {@link #setKafka}: replaces theirs). */
    public TrainerSettingsBuilder setBootstrapServers(String bootstrapServers) {
        this.kafka = kafka.with(KafkaSettings.BOOTSTRAP_SERVERS, bootstrapServers);
        return this;
    }

    /** The {@code kafka.*} client settings (bootstrap servers, security, tuning). */
    public TrainerSettingsBuilder setKafka(KafkaSettings kafka) {
        this.kafka = kafka;
        return this;
    }

    public TrainerSettingsBuilder setModel(ModelConfig model) {
        this.model = model;
        return this;
    }

    /** One more Kafka client property (e.g. {@code security.protocol}). */
    public TrainerSettingsBuilder optKafkaProperty(String key, String value) {
        this.kafka = kafka.with(key, value);
        return this;
    }

    public TrainerSettingsBuilder optViewsTopic(String viewsTopic) {
        this.viewsTopic = viewsTopic;
        return this;
    }

    public TrainerSettingsBuilder optCheckpointsTopic(String checkpointsTopic) {
        this.checkpointsTopic = checkpointsTopic;
        return this;
    }

    public TrainerSettingsBuilder optBatchSize(int batchSize) {
        this.batchSize = batchSize;
        return this;
    }

    public TrainerSettingsBuilder optPartialBatchTimeout(Duration timeout) {
        this.partialBatchTimeout = timeout;
        return this;
    }

    public TrainerSettingsBuilder optCheckpointEvery(long steps) {
        this.checkpointEvery = steps;
        return this;
    }

    public TrainerSettingsBuilder optTotalSteps(long totalSteps) {
        this.totalSteps = totalSteps;
        return this;
    }

    public TrainerSettingsBuilder optEpochs(int epochs) {
        this.epochs = epochs;
        return this;
    }

    public TrainerSettingsBuilder optDatasetSize(long datasetSize) {
        this.datasetSize = datasetSize;
        return this;
    }

    public TrainerSettingsBuilder optMaxSteps(long maxSteps) {
        this.maxSteps = maxSteps;
        return this;
    }

    public TrainerSettingsBuilder optAlgorithm(Algorithm algorithm) {
        this.algorithm = algorithm;
        return this;
    }

    public TrainerSettingsBuilder optLearningRate(double lr) {
        this.lr = lr;
        return this;
    }

    /** Warm-up steps (default: {@link #optWarmupFraction} of the schedule). */
    public TrainerSettingsBuilder optWarmupSteps(long warmupSteps) {
        this.warmupSteps = warmupSteps;
        return this;
    }

    /** Warm-up as a fraction of the schedule when no step count is given (default 0.1, SimCLR's 10 of 100 epochs). */
    public TrainerSettingsBuilder optWarmupFraction(double fraction) {
        this.warmupFraction = fraction;
        return this;
    }

    public TrainerSettingsBuilder optWeightDecay(double weightDecay) {
        this.weightDecay = weightDecay;
        return this;
    }

    public TrainerSettingsBuilder optMomentum(double momentum) {
        this.momentum = momentum;
        return this;
    }

    public TrainerSettingsBuilder optTemperature(double temperature) {
        this.temperature = temperature;
        return this;
    }

    public TrainerSettingsBuilder optSeed(long seed) {
        this.seed = seed;
        return this;
    }

    public TrainerSettingsBuilder optDevice(String device) {
        this.device = device;
        return this;
    }

    public TrainerSettingsBuilder optThreads(int threads) {
        this.threads = threads;
        return this;
    }

    public TrainerSettingsBuilder optQueueCapacity(int queueCapacity) {
        this.queueCapacity = queueCapacity;
        return this;
    }

    /** View pairs held by the shuffle buffer (default 16 × batch size; 0 = consumption order). */
    public TrainerSettingsBuilder optShuffleBuffer(int pairs) {
        this.shuffleBuffer = pairs;
        return this;
    }

    /** Seed of the shuffle buffer (default: the model seed). */
    public TrainerSettingsBuilder optShuffleSeed(long seed) {
        this.shuffleSeed = seed;
        return this;
    }

    public TrainerSettingsBuilder optStartFrom(StartFrom startFrom) {
        this.startFrom = startFrom;
        return this;
    }

    public TrainerSettingsBuilder optLeaseTtl(Duration ttl) {
        this.leaseTtl = ttl;
        return this;
    }

    /** Lease holder id (default: {@code HOSTNAME}, else the host name). */
    public TrainerSettingsBuilder optHolderId(String holderId) {
        this.holderId = holderId;
        return this;
    }

    public TrainerSettingsBuilder optProgressInterval(Duration interval) {
        this.progressInterval = interval;
        return this;
    }

    public TrainerSettingsBuilder optProgressTopic(String topic) {
        this.progressTopic = topic;
        return this;
    }

    /** Publish a progress record every this many steps (default 10). */
    public TrainerSettingsBuilder optProgressEvery(long steps) {
        this.progressEvery = steps;
        return this;
    }

    /** ... or at least this often while steps are taken (default 5 s). */
    public TrainerSettingsBuilder optProgressMaxInterval(Duration interval) {
        this.progressMaxInterval = interval;
        return this;
    }

    /** Wall time of the whole run from its first step; the schedule length is derived from it (default 0 = off). */
    public TrainerSettingsBuilder optTimeBudget(Duration budget) {
        this.timeBudget = budget;
        return this;
    }

    /** Steps timed before the budget's schedule is derived (default 20, after this process's first step). */
    public TrainerSettingsBuilder optTimeBudgetMeasureSteps(int steps) {
        this.timeBudgetMeasureSteps = steps;
        return this;
    }

    /** Steps after this process's first that are not timed for the budget (default 10). */
    public TrainerSettingsBuilder optTimeBudgetSettleSteps(int steps) {
        this.timeBudgetSettleSteps = steps;
        return this;
    }

    /** How long an object-store or broker outage is ridden through while checkpointing (default 10 min). */
    public TrainerSettingsBuilder optOutageTolerance(Duration tolerance) {
        this.outageTolerance = tolerance;
        return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException naming the config key at fault
     */
    public TrainerSettings build() {
        if (model == null) {
            throw new IllegalArgumentException("simclr.trainer.model: a model config is required");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("simclr.trainer.batch-size must be in [2, 65536], got " + batchSize);
        }
        long total = resolveTotalSteps();
        OptimizerSpec.Builder ob = OptimizerSpec.builder().setTotalSteps(total).setBatchSize(batchSize)
                .optAlgorithm(algorithm).optWarmupSteps(resolveWarmupSteps(total)).optMomentum(momentum);
        if (lr != null) {
            ob.optLearningRate(lr);
        }
        if (weightDecay != null) {
            ob.optWeightDecay(weightDecay);
        }
        OptimizerSpec spec;
        try {
            spec = ob.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("simclr.trainer." + e.getMessage());
        }
        TrainerSettings s = new TrainerSettings(runId, bucket, kafka, viewsTopic, checkpointsTopic,
                batchSize, partialBatchTimeout, checkpointEvery, maxSteps, datasetSize, model, spec, temperature, seed,
                device, threads, queueCapacity, shuffleBuffer != null ? shuffleBuffer : DEFAULT_SHUFFLE_BATCHES * batchSize,
                shuffleSeed != null ? shuffleSeed : seed, startFrom, leaseTtl,
                holderId != null ? holderId : Provenance.host(),
                progressInterval, progressTopic, progressEvery, progressMaxInterval, timeBudget, timeBudgetMeasureSteps,
                timeBudgetSettleSteps, outageTolerance);
        SettingsChecks.check(s);
        return s;
    }

    private long resolveWarmupSteps(long total) {
        if (warmupSteps != null) {
            return warmupSteps;
        }
        if (!(warmupFraction >= 0 && warmupFraction <= 1)) {
            throw new IllegalArgumentException("simclr.trainer.optimizer.warmup-fraction must be in [0, 1], got "
                    + warmupFraction);
        }
        return Math.round(warmupFraction * total);
    }

    private long resolveTotalSteps() {
        if (totalSteps != null) {
            if (totalSteps < 1) {
                throw new IllegalArgumentException("simclr.trainer.total-steps must be >= 1, got " + totalSteps);
            }
            return totalSteps;
        }
        if (epochs != null && datasetSize > 0) {
            if (epochs < 1) {
                throw new IllegalArgumentException("simclr.trainer.epochs must be >= 1, got " + epochs);
            }
            return Math.max(1, (epochs * datasetSize + batchSize - 1) / batchSize);
        }
        throw new IllegalArgumentException("simclr.trainer.total-steps is required (the cosine schedule's length),"
                + " or give simclr.trainer.epochs and simclr.trainer.dataset-size to derive it");
    }
}
