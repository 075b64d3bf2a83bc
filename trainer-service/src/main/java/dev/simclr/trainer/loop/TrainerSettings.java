package dev.simclr.trainer.loop;

import dev.simclr.contracts.KafkaAccess;
import dev.simclr.contracts.Topics;
import dev.simclr.kafka.KafkaSettings;
import dev.simclr.model.ModelConfig;
import dev.simclr.model.run.OptimizerSpec;
import dev.simclr.trainer.checkpoint.StartFrom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything one trainer process needs; built (and validated) by {@link #builder()}, from {@code
 * simclr.trainer.*} in the Quarkus service or directly in tests. Messages name the config key at fault.
 *
 * @param runId the run (checkpoint prefix, consumer group {@code simclr-trainer.<run-id>})
 * @param bucket the S3 bucket of the checkpoints
 * @param kafka the {@code kafka.*} client settings (bootstrap servers, security), applied to every client; the
 *     values exactly-once reading needs are fixed ({@link KafkaClients}) and conflicts refused
 * @param viewsTopic the view-pair topic
 * @param checkpointsTopic where checkpoint events go
 * @param batchSize pairs per full step (B)
 * @param partialBatchTimeout how long a partial batch waits before a smaller step
 * @param checkpointEvery steps between checkpoints (K)
 * @param maxSteps stop after this many steps (final checkpoint, then idle); 0 = never
 * @param datasetSize images per epoch, for the manifest's epoch; 0 = use the views' epoch field
 * @param model the model
 * @param optimizer optimiser and schedule (its total steps = the schedule length)
 * @param temperature NT-Xent temperature
 * @param seed model initialisation seed
 * @param device auto, cpu, gpu or gpu:i
 * @param threads PyTorch intra-op threads (0 = all cores)
 * @param queueCapacity sealed batches buffered between polling and training
 * @param shuffleBuffer view pairs held by the shuffle buffer between consumption and batching (0 = consumption order)
 * @param shuffleSeed seed of the shuffle buffer's random stream (mixed with the step a process resumes at)
 * @param startFrom where a fresh run starts reading
 * @param leaseTtl how long a lease heartbeat stays fresh
 * @param holderId this trainer's lease holder id
 * @param progressInterval how often progress is logged
 * @param progressTopic where {@code TrainingProgress} records go (fire-and-forget)
 * @param progressEvery publish a progress record every this many steps
 * @param progressMaxInterval ... or when this long has passed since the last one and a step was taken
 * @param timeBudget wall time for the whole run, counted from its first step; zero = no budget
 * @param timeBudgetMeasureSteps steps timed to derive the budget's schedule
 * @param timeBudgetSettleSteps steps after this process's first that are not timed (warm-up)
 * @param outageTolerance how long an object-store or broker outage is ridden through while checkpointing
 */
public record TrainerSettings(String runId, String bucket, KafkaSettings kafka,
        String viewsTopic, String checkpointsTopic, int batchSize, Duration partialBatchTimeout, long checkpointEvery,
        long maxSteps, long datasetSize, ModelConfig model, OptimizerSpec optimizer, double temperature, long seed,
        String device, int threads, int queueCapacity, int shuffleBuffer, long shuffleSeed, StartFrom startFrom, Duration leaseTtl, String holderId,
        Duration progressInterval, String progressTopic, long progressEvery, Duration progressMaxInterval,
        Duration timeBudget, int timeBudgetMeasureSteps, int timeBudgetSettleSteps, Duration outageTolerance) {

    /** Returns the Kafka bootstrap servers. */
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Returns a builder. */
    public static TrainerSettingsBuilder builder() {
        return new TrainerSettingsBuilder();
    }

    /** Returns the total steps of the schedule. */
    public long totalSteps() {
        return optimizer.totalSteps();
    }

    /** Returns whether a time budget sets the schedule length. */
    public boolean hasTimeBudget() {
        return !timeBudget.isZero();
    }

    /** Returns the consumer group the trained position is committed to (monitoring only). */
    public String consumerGroup() {
        return KafkaAccess.trainerGroup(runId);
    }

    /**
     * Returns the shuffle seed of a process that starts at {@code step}: the same checkpoint and the same
     * records give the same batches, and a restart does not replay the random stream of step 0.
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
        return Topics.dlq(viewsTopic);
    }

    /** Returns the run config recorded in every manifest (JSON-friendly values). */
    public Map<String, Object> toRunMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runId", runId);
        m.put("bucket", bucket);
        m.put("viewsTopic", viewsTopic);
        m.put("batchSize", batchSize);
        m.put("partialBatchTimeoutMs", partialBatchTimeout.toMillis());
        m.put("checkpointEvery", checkpointEvery);
        m.put("totalSteps", totalSteps());
        m.put("maxSteps", maxSteps);
        m.put("datasetSize", datasetSize);
        m.put("temperature", temperature);
        m.put("seed", seed);
        m.put("device", device);
        m.put("threads", threads);
        m.put("queueCapacity", queueCapacity);
        m.put("shuffleBuffer", shuffleBuffer);
        m.put("shuffleSeed", shuffleSeed);
        m.put("startFrom", startFrom.name().toLowerCase(java.util.Locale.ROOT));
        m.put("timeBudgetSeconds", timeBudget.toMillis() / 1000.0);
        return m;
    }
}
