package dev.simclr.trainer.loop;

import dev.simclr.contracts.ContractException;
import dev.simclr.contracts.Topics;
import dev.simclr.kafka.KafkaSettings;
import dev.simclr.trainer.input.PairBatcher;
import java.util.Objects;
import java.util.regex.Pattern;

/** Validation of {@link TrainerSettings}; each message starts with the offending config key. */
final class SettingsChecks {

    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private SettingsChecks() {}

    static void check(TrainerSettings s) {
        require(s.runId() != null && RUN_ID.matcher(s.runId()).matches(), "run-id",
                "must be 1..128 of [A-Za-z0-9._-] starting with a letter or digit, got '" + s.runId() + "'");
        require(s.bucket() != null && BUCKET.matcher(s.bucket()).matches(), "bucket",
                "must be a DNS-style S3 bucket name of 3..63 characters, got '" + s.bucket() + "'");
        require(s.kafka() != null && s.kafka().get(KafkaSettings.BOOTSTRAP_SERVERS).isPresent(), "kafka.bootstrap.servers",
                "(env KAFKA_BOOTSTRAP_SERVERS) is required");
        s.kafka().check(KafkaClients.OWNER, KafkaClients.specs(s));
        topic("views-topic", s.viewsTopic());
        topic("checkpoints-topic", s.checkpointsTopic());
        topic("progress-topic", s.progressTopic());
        require(s.batchSize() >= PairBatcher.MIN_PAIRS && s.batchSize() <= 65536, "batch-size",
                "must be in [" + PairBatcher.MIN_PAIRS + ", 65536], got " + s.batchSize());
        require(s.partialBatchTimeout() != null && !s.partialBatchTimeout().isNegative(), "partial-batch-timeout",
                "must be >= 0, got " + s.partialBatchTimeout());
        require(s.checkpointEvery() >= 1, "checkpoint-every", "must be >= 1, got " + s.checkpointEvery());
        require(s.maxSteps() >= 0, "max-steps", "must be >= 0 (0 = unbounded), got " + s.maxSteps());
        require(s.datasetSize() >= 0, "dataset-size", "must be >= 0 (0 = unknown), got " + s.datasetSize());
        Objects.requireNonNull(s.model(), "simclr.trainer.model is required");
        Objects.requireNonNull(s.optimizer(), "simclr.trainer.optimizer is required");
        require(s.temperature() > 0 && Double.isFinite(s.temperature()), "optimizer.temperature",
                "must be finite and > 0, got " + s.temperature());
        require(s.device() != null && s.device().matches("(?i)auto|cpu|gpu|gpu:\\d{1,4}"), "device",
                "must be auto, cpu, gpu or gpu:<index>, got '" + s.device() + "'");
        require(s.threads() >= 0, "threads", "must be >= 0 (0 = all cores), got " + s.threads());
        require(s.queueCapacity() >= 1 && s.queueCapacity() <= 1024, "queue-capacity",
                "must be in [1, 1024] batches, got " + s.queueCapacity());
        require(s.shuffleBuffer() >= 0 && s.shuffleBuffer() <= 1 << 20, "shuffle-buffer",
                "must be in [0, 1048576] view pairs (0 = off), got " + s.shuffleBuffer());
        long heap = Runtime.getRuntime().maxMemory();
        require(s.shuffleBufferBytes() <= heap / 2, "shuffle-buffer", s.shuffleBuffer() + " pairs of "
                + s.model().inputSize() + "x" + s.model().inputSize() + "x" + s.model().channels() + " views take "
                + s.shuffleBufferBytes() / (1 << 20) + " MiB, more than half the heap (" + heap / (1 << 20)
                + " MiB): lower it or raise -Xmx");
        Objects.requireNonNull(s.startFrom(), "simclr.trainer.start-from is required");
        require(s.leaseTtl() != null && s.leaseTtl().toSeconds() >= 3, "lease.ttl", "must be >= 3s, got " + s.leaseTtl());
        require(s.outageTolerance() != null && s.outageTolerance().toSeconds() >= 1, "checkpoint.outage-tolerance",
                "must be >= 1s, got " + s.outageTolerance());
        require(s.holderId() != null && !s.holderId().isBlank(), "lease.holder-id", "must not be blank");
        require(s.progressInterval() != null && s.progressInterval().toMillis() >= 100, "progress-interval",
                "must be >= 100ms, got " + s.progressInterval());
        require(s.progressEvery() >= 1, "progress-every", "must be >= 1 step, got " + s.progressEvery());
        require(s.progressMaxInterval() != null && s.progressMaxInterval().toMillis() >= 100,
                "progress-max-interval", "must be >= 100ms, got " + s.progressMaxInterval());
        require(s.timeBudget() != null && !s.timeBudget().isNegative(), "time-budget",
                "must be >= 0 (0 = no budget), got " + s.timeBudget());
        require(s.timeBudgetMeasureSteps() >= 1 && s.timeBudgetMeasureSteps() <= 100_000, "time-budget-measure-steps",
                "must be in [1, 100000], got " + s.timeBudgetMeasureSteps());
        require(s.timeBudgetSettleSteps() >= 0 && s.timeBudgetSettleSteps() <= 100_000, "time-budget-settle-steps",
                "must be in [0, 100000], got " + s.timeBudgetSettleSteps());
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
