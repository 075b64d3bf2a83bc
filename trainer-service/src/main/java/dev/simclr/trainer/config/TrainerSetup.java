package dev.simclr.trainer.config;

import dev.simclr.augment.resize.ResizeMode;
import dev.simclr.contracts.ContractException;
import dev.simclr.contracts.KafkaAccess;
import dev.simclr.contracts.Topics;
import dev.simclr.contracts.TrainerHoldBack;
import dev.simclr.kafka.KafkaSettings;
import dev.simclr.model.Arch;
import dev.simclr.model.ModelConfig;
import dev.simclr.model.Stem;
import dev.simclr.model.run.Algorithm;
import dev.simclr.model.run.OptimizerSpec;
import dev.simclr.trainer.checkpoint.Provenance;
import dev.simclr.trainer.checkpoint.StartFrom;
import dev.simclr.trainer.input.PairBatcher;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What one trainer process runs with: the {@link TrainerConfig} mapping (the schema: every key and every default) plus
 * the few values derived from it, computed once by {@link #of} — the one place where the trainer's configuration is
 * validated (each message starts with the config key at fault).
 *
 * <p>Derived defaults, stated here only: the schedule length is {@code total-steps}, else {@code ceil(epochs *
 * dataset-size / batch-size)}; warm-up is {@code optimizer.warmup-steps}, else {@code optimizer.warmup-fraction} (10 %)
 * of the schedule; the shuffle buffer is {@link TrainerHoldBack#defaultShuffleBuffer} ({@code 16 x batch-size}) and its
 * seed is {@code seed}; the lease holder id is {@code HOSTNAME} (else the host name); learning rate and weight decay
 * default in {@link OptimizerSpec} (0.3 x batch-size / 256; 1e-6 for lars, 5e-4 for sgd).
 *
 * @param config the {@code simclr.trainer.*} mapping
 * @param kafka the {@code kafka.*} client settings (bootstrap servers, security), applied to every client; the values
 *     exactly-once reading needs are fixed ({@link KafkaClients}) and conflicts refused
 * @param model the model ({@code simclr.trainer.model.*})
 * @param optimizer optimiser and schedule (its total steps = the schedule length)
 * @param startFrom where a fresh run starts reading
 * @param holderId this trainer's lease holder id
 * @param shuffleBuffer view pairs held by the shuffle buffer between consumption and batching (0 = consumption order)
 * @param shuffleSeed seed of the shuffle buffer's random stream (mixed with the step a process resumes at)
 */
public record TrainerSetup(
        TrainerConfig config,
        KafkaSettings kafka,
        ModelConfig model,
        OptimizerSpec optimizer,
        StartFrom startFrom,
        String holderId,
        int shuffleBuffer,
        long shuffleSeed) {

    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    /**
     * Validates {@code c} and derives the model, the optimiser and the other values from it.
     *
     * @param c the {@code simclr.trainer.*} mapping
     * @param kafka the {@code kafka.*} client settings
     * @throws IllegalArgumentException naming the config key at fault
     */
    public static TrainerSetup of(TrainerConfig c, KafkaSettings kafka) {
        ModelConfig model = model(c.model());
        Algorithm algorithm = Algorithm.parse(c.optimizer().algorithm());
        StartFrom startFrom = StartFrom.parse(c.startFrom());
        int batchSize = c.batchSize();
        if (batchSize < 1) {
            throw new IllegalArgumentException("simclr.trainer.batch-size must be in [2, 65536], got " + batchSize);
        }
        long total = totalSteps(c);
        OptimizerSpec.Builder ob = OptimizerSpec.builder()
                .setTotalSteps(total)
                .setBatchSize(batchSize)
                .optAlgorithm(algorithm)
                .optWarmupSteps(warmupSteps(c, total))
                .optMomentum(c.optimizer().momentum());
        c.optimizer().lr().ifPresent(ob::optLearningRate);
        c.optimizer().weightDecay().ifPresent(ob::optWeightDecay);
        OptimizerSpec optimizer;
        try {
            optimizer = ob.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("simclr.trainer." + e.getMessage());
        }
        TrainerSetup s = new TrainerSetup(
                c,
                kafka,
                model,
                optimizer,
                startFrom,
                c.lease().holderId().orElseGet(Provenance::host),
                c.shuffleBuffer().orElse(TrainerHoldBack.defaultShuffleBuffer(batchSize)),
                c.shuffleSeed().orElse(c.seed()));
        s.check();
        return s;
    }

    /** Returns the total steps of the schedule. */
    public long totalSteps() {
        return optimizer.totalSteps();
    }

    /** Returns the images per epoch, for the manifest's epoch; 0 = unknown (use the views' epoch field). */
    public long datasetSize() {
        return config.datasetSize().orElse(0);
    }

    /** Returns whether a time budget sets the schedule length. */
    public boolean hasTimeBudget() {
        return !config.timeBudget().isZero();
    }

    /** Returns the consumer group the trained position is committed to (monitoring only). */
    public String consumerGroup() {
        return KafkaAccess.trainerGroup(config.runId());
    }

    /**
     * Returns the shuffle seed of a process that starts at {@code step}: the same checkpoint and the same records give
     * the same batches, and a restart does not replay the random stream of step 0.
     */
    public long shuffleSeedAt(long step) {
        return shuffleSeed ^ (step * 0x9E3779B97F4A7C15L);
    }

    /** Returns the most memory the shuffle buffer's view data takes: pairs × 2 views × side² × channels bytes. */
    public long shuffleBufferBytes() {
        return (long) shuffleBuffer * 2 * model.inputSize() * model.inputSize() * model.channels();
    }

    /** Returns the dead-letter topic of the views topic. */
    public String deadLetterTopic() {
        return Topics.dlq(config.viewsTopic());
    }

    /** Returns the run config recorded in every manifest (JSON-friendly values). */
    public Map<String, Object> toRunMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runId", config.runId());
        m.put("bucket", config.bucket());
        m.put("viewsTopic", config.viewsTopic());
        m.put("batchSize", config.batchSize());
        m.put("partialBatchTimeoutMs", config.partialBatchTimeout().toMillis());
        m.put("checkpointEvery", config.checkpointEvery());
        m.put("totalSteps", totalSteps());
        m.put("maxSteps", config.maxSteps());
        m.put("datasetSize", datasetSize());
        m.put("temperature", config.optimizer().temperature());
        m.put("seed", config.seed());
        m.put("device", config.device());
        m.put("threads", config.threads());
        m.put("queueCapacity", config.queueCapacity());
        m.put("shuffleBuffer", shuffleBuffer);
        m.put("shuffleSeed", shuffleSeed);
        m.put("startFrom", startFrom.name().toLowerCase(Locale.ROOT));
        m.put("timeBudgetSeconds", config.timeBudget().toMillis() / 1000.0);
        return m;
    }

    private static ModelConfig model(TrainerConfig.Model m) {
        ModelConfig.Builder mb = ModelConfig.builder()
                .setChannels(m.channels())
                .setInputSize(m.inputSize())
                .optFit(fit(m.fit()))
                .optArch(Arch.parse(m.arch()))
                .optWidth(m.width())
                .optProjectionDim(m.projectionDim());
        m.stem().ifPresent(s -> mb.optStem(Stem.parse(s)));
        mb.optZeroInitResidual(m.zeroInitResidual());
        if (m.mean().isPresent() != m.std().isPresent()) {
            throw new IllegalArgumentException("simclr.trainer.model.mean and simclr.trainer.model.std go together:"
                    + " set both (one value per channel) or neither");
        }
        if (m.mean().isEmpty() && m.channels() == 1) {
            throw new IllegalArgumentException("simclr.trainer.model.mean and simclr.trainer.model.std are required for"
                    + " 1-channel input: the grey statistics of your images (pixels in [0, 1]), e.g. 0.2860 and 0.3530"
                    + " for Fashion-MNIST; ImageNet's are for RGB photos");
        }
        m.mean().ifPresent(mean -> mb.optNormalization(mean, m.std().orElseThrow()));
        try {
            return mb.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("simclr.trainer." + e.getMessage());
        }
    }

    private static ResizeMode fit(String id) {
        try {
            return ResizeMode.parse(id);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("simclr.trainer.model.fit: " + e.getMessage());
        }
    }

    private static long totalSteps(TrainerConfig c) {
        if (c.totalSteps().isPresent()) {
            long totalSteps = c.totalSteps().getAsLong();
            if (totalSteps < 1) {
                throw new IllegalArgumentException("simclr.trainer.total-steps must be >= 1, got " + totalSteps);
            }
            return totalSteps;
        }
        long datasetSize = c.datasetSize().orElse(0);
        if (c.epochs().isPresent() && datasetSize > 0) {
            int epochs = c.epochs().getAsInt();
            if (epochs < 1) {
                throw new IllegalArgumentException("simclr.trainer.epochs must be >= 1, got " + epochs);
            }
            return Math.max(1, (epochs * datasetSize + c.batchSize() - 1) / c.batchSize());
        }
        throw new IllegalArgumentException("simclr.trainer.total-steps is required (the cosine schedule's length),"
                + " or give simclr.trainer.epochs and simclr.trainer.dataset-size to derive it");
    }

    private static long warmupSteps(TrainerConfig c, long total) {
        if (c.optimizer().warmupSteps().isPresent()) {
            return c.optimizer().warmupSteps().getAsLong();
        }
        double fraction = c.optimizer().warmupFraction();
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException(
                    "simclr.trainer.optimizer.warmup-fraction must be in [0, 1], got " + fraction);
        }
        return Math.round(fraction * total);
    }

    private void check() {
        TrainerConfig c = config;
        require(
                RUN_ID.matcher(c.runId()).matches(),
                "run-id",
                "must be 1..128 of [A-Za-z0-9._-] starting with a letter or digit, got '" + c.runId() + "'");
        require(
                BUCKET.matcher(c.bucket()).matches(),
                "bucket",
                "must be a DNS-style S3 bucket name of 3..63 characters, got '" + c.bucket() + "'");
        require(
                kafka != null && kafka.get(KafkaSettings.BOOTSTRAP_SERVERS).isPresent(),
                "kafka.bootstrap.servers",
                "(env KAFKA_BOOTSTRAP_SERVERS) is required");
        kafka.check(KafkaClients.OWNER, KafkaClients.specs(this));
        topic("views-topic", c.viewsTopic());
        topic("checkpoints-topic", c.checkpointsTopic());
        topic("progress-topic", c.progressTopic());
        require(
                c.batchSize() >= PairBatcher.MIN_PAIRS && c.batchSize() <= 65536,
                "batch-size",
                "must be in [" + PairBatcher.MIN_PAIRS + ", 65536], got " + c.batchSize());
        require(
                !c.partialBatchTimeout().isNegative(),
                "partial-batch-timeout",
                "must be >= 0, got " + c.partialBatchTimeout());
        require(c.checkpointEvery() >= 1, "checkpoint-every", "must be >= 1, got " + c.checkpointEvery());
        require(c.maxSteps() >= 0, "max-steps", "must be >= 0 (0 = unbounded), got " + c.maxSteps());
        require(datasetSize() >= 0, "dataset-size", "must be >= 0 (0 = unknown), got " + datasetSize());
        double temperature = c.optimizer().temperature();
        require(
                temperature > 0 && Double.isFinite(temperature),
                "optimizer.temperature",
                "must be finite and > 0, got " + temperature);
        require(
                c.device().matches("(?i)auto|cpu|gpu|gpu:\\d{1,4}"),
                "device",
                "must be auto, cpu, gpu or gpu:<index>, got '" + c.device() + "'");
        require(c.threads() >= 0, "threads", "must be >= 0 (0 = all cores), got " + c.threads());
        require(
                c.queueCapacity() >= 1 && c.queueCapacity() <= 1024,
                "queue-capacity",
                "must be in [1, 1024] batches, got " + c.queueCapacity());
        require(
                shuffleBuffer >= 0 && shuffleBuffer <= 1 << 20,
                "shuffle-buffer",
                "must be in [0, 1048576] view pairs (0 = off), got " + shuffleBuffer);
        long heap = Runtime.getRuntime().maxMemory();
        require(
                shuffleBufferBytes() <= heap / 2,
                "shuffle-buffer",
                shuffleBuffer + " pairs of "
                        + model.inputSize() + "x" + model.inputSize() + "x" + model.channels() + " views take "
                        + shuffleBufferBytes() / (1 << 20) + " MiB, more than half the heap (" + heap / (1 << 20)
                        + " MiB): lower it or raise -Xmx");
        require(
                c.lease().ttl().toSeconds() >= 3,
                "lease.ttl",
                "must be >= 3s, got " + c.lease().ttl());
        require(
                c.checkpoint().outageTolerance().toSeconds() >= 1,
                "checkpoint.outage-tolerance",
                "must be >= 1s, got " + c.checkpoint().outageTolerance());
        require(holderId != null && !holderId.isBlank(), "lease.holder-id", "must not be blank");
        require(
                c.progressInterval().toMillis() >= 100,
                "progress-interval",
                "must be >= 100ms, got " + c.progressInterval());
        require(c.progressEvery() >= 1, "progress-every", "must be >= 1 step, got " + c.progressEvery());
        require(
                c.progressMaxInterval().toMillis() >= 100,
                "progress-max-interval",
                "must be >= 100ms, got " + c.progressMaxInterval());
        require(!c.timeBudget().isNegative(), "time-budget", "must be >= 0 (0 = no budget), got " + c.timeBudget());
        require(
                c.timeBudgetMeasureSteps() >= 1 && c.timeBudgetMeasureSteps() <= 100_000,
                "time-budget-measure-steps",
                "must be in [1, 100000], got " + c.timeBudgetMeasureSteps());
        require(
                c.timeBudgetSettleSteps() >= 0 && c.timeBudgetSettleSteps() <= 100_000,
                "time-budget-settle-steps",
                "must be in [0, 100000], got " + c.timeBudgetSettleSteps());
    }

    private static void topic(String key, String topic) {
        try {
            Topics.checkName(topic);
        } catch (ContractException e) {
            throw new IllegalArgumentException("simclr.trainer." + key + ": " + e.getMessage());
        }
    }

    private static void require(boolean ok, String key, String message) {
        if (!ok) {
            String prefix = key.startsWith("kafka.") ? key : "simclr.trainer." + key;
            throw new IllegalArgumentException(prefix + " " + message);
        }
    }
}
