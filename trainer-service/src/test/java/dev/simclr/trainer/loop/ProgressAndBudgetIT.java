package dev.simclr.trainer.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.simclr.contracts.CheckpointEvent;
import dev.simclr.contracts.CheckpointManifest;
import dev.simclr.contracts.TrainingProgress;
import dev.simclr.objectstore.CheckpointSets;
import dev.simclr.objectstore.S3Uri;
import dev.simclr.trainer.config.TrainerSetup;
import dev.simclr.trainer.schedule.TimeBudget;
import dev.simclr.trainer.testing.Cluster;
import dev.simclr.trainer.testing.Views;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Progress records and the time budget of the plain-Java trainer, on embedded Kafka and S3 with a tiny model. */
class ProgressAndBudgetIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static Cluster cluster;

    @BeforeAll
    static void start() {
        cluster = Cluster.start();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static void produce(String topic, String run, int pairs) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            records.add(Cluster.view(topic, 0, "p" + i, Views.encoded("p" + i, 8, 1, i), run));
        }
        cluster.produceTransaction(records);
    }

    private static List<TrainingProgress> progress(String topic, String run) {
        List<TrainingProgress> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : cluster.readAll(topic, Duration.ofSeconds(2))) {
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(run);
            out.add(TrainingProgress.fromJson(r.value()));
        }
        return out;
    }

    @Test
    void progressRecordsFollowTheStepsWithoutBlockingTraining() {
        String run = "progress";
        cluster.topics("views-progress", 1, "checkpoints-progress");
        cluster.topic("progress-progress", 1);
        produce("views-progress", run, 32);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TrainerSetup s = cluster.setup(
                run,
                "views-progress",
                "checkpoints-progress",
                "simclr.trainer.progress-topic",
                "progress-progress",
                "simclr.trainer.progress-every",
                "2",
                "simclr.trainer.checkpoint-every",
                "4",
                "simclr.trainer.max-steps",
                "8");
        try (TrainerRuntime rt = TrainerRuntime.start(s, cluster.store(), registry, StepHooks.NONE)) {
            await().atMost(WAIT)
                    .until(() -> rt.status().phase() == TrainerStatus.Phase.IDLE
                            || rt.status().phase() == TrainerStatus.Phase.FAILED);
            assertThat(rt.status().lastError()).isEmpty();
        }
        List<TrainingProgress> records = progress("progress-progress", run);
        assertThat(records).isNotEmpty();
        assertThat(records).extracting(TrainingProgress::step).isSorted().doesNotHaveDuplicates();
        assertThat(records.get(records.size() - 1).step())
                .as("the last step is always published")
                .isEqualTo(8);
        long previous = 0;
        for (TrainingProgress p : records) {
            assertThat(p.step() - previous).as("every 2 steps or sooner").isBetween(1L, 2L);
            previous = p.step();
            assertThat(p.runId()).isEqualTo(run);
            assertThat(p.samplesSeen()).isEqualTo(4 * p.step());
            assertThat(p.totalSteps()).isEqualTo(20);
            assertThat(p.loss()).isFinite().isPositive();
            assertThat(p.lr()).isPositive().isLessThanOrEqualTo(0.05);
            assertThat(p.createdAt()).isBefore(Instant.now().plusSeconds(1));
        }
        assertThat(records.get(records.size() - 1).etaSeconds())
                .as("max-steps reached")
                .isEqualTo(0.0);
        assertThat(registry.get("simclr.trainer.progress.records").counter().count())
                .isEqualTo(records.size());
        assertThat(registry.get("simclr.trainer.progress.failures")
                        .tag("reason", "dropped")
                        .counter()
                        .count())
                .isZero();
    }

    @Test
    void aTimeBudgetDerivesTheScheduleStopsThereWithACheckpointAndAResumeKeepsIt() {
        String run = "budget";
        cluster.topics("views-budget", 1, "checkpoints-budget");
        cluster.topic("progress-budget", 1);
        produce("views-budget", run, 6000); // far more than the budget can train
        Duration budget = Duration.ofSeconds(6);
        TrainerSetup s = cluster.setup(
                run,
                "views-budget",
                "checkpoints-budget",
                "simclr.trainer.progress-topic",
                "progress-budget",
                "simclr.trainer.progress-every",
                "2",
                "simclr.trainer.checkpoint-every",
                "25",
                "simclr.trainer.total-steps",
                "100000",
                "simclr.trainer.optimizer.warmup-steps",
                "5",
                "simclr.trainer.time-budget",
                budget.toString(),
                "simclr.trainer.time-budget-settle-steps",
                "0",
                "simclr.trainer.time-budget-measure-steps",
                "5");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        long derived;
        try (TrainerRuntime rt = TrainerRuntime.start(s, cluster.store(), registry, StepHooks.NONE)) {
            await().atMost(WAIT)
                    .until(() -> rt.status().phase() == TrainerStatus.Phase.IDLE
                            || rt.status().phase() == TrainerStatus.Phase.FAILED);
            assertThat(rt.status().lastError()).isEmpty();
            derived = rt.status().step();
            assertThat(rt.status().lastCheckpointStep())
                    .as("final checkpoint at the derived step")
                    .isEqualTo(derived);
            assertThat(registry.get("simclr.trainer.total.steps").gauge().value())
                    .isEqualTo(derived);
        }
        assertThat(derived)
                .as("more than the measured steps, far less than the configured schedule")
                .isBetween(7L, 5_999L / 4);

        CheckpointSets sets = new CheckpointSets(cluster.store());
        S3Uri prefix = new S3Uri(Cluster.BUCKET, run + "/");
        CheckpointManifest last =
                sets.read(CheckpointSets.setPrefix(prefix, derived)).manifest();
        Map<?, ?> attribute = (Map<?, ?>) last.attributes().get(TimeBudget.ATTRIBUTE);
        assertThat(((Number) attribute.get("totalSteps")).longValue()).isEqualTo(derived);
        assertThat(attribute.get("budgetSeconds")).isEqualTo(6.0);
        assertThat(((Number) attribute.get("derivedAtStep")).longValue()).isEqualTo(6);
        Map<?, ?> spec = (Map<?, ?>) last.attributes().get("optimizerSpec");
        assertThat(((Number) spec.get("totalSteps")).longValue()).isEqualTo(derived);
        // the warm-up keeps its fraction of the configured schedule: 5 of 100,000 steps -> at least 1
        assertThat(((Number) spec.get("warmupSteps")).longValue()).isEqualTo(1);
        assertThat(((Number) attribute.get("settleSteps")).intValue()).isZero();
        assertThat(((Map<?, ?>) last.attributes().get("schedule")).get("nextLr"))
                .as("cosine ended")
                .isEqualTo(0.0);
        // Sanity, not a benchmark: the run ends near its budget (the rate may drift on a shared machine).
        Instant firstStep = Instant.parse((String) attribute.get("firstStepAt"));
        assertThat(Duration.between(firstStep, last.createdAt())).isLessThan(budget.multipliedBy(3));
        List<CheckpointEvent> events = cluster.events("checkpoints-budget", run);
        assertThat(events.get(events.size() - 1).step()).isEqualTo(derived);
        List<TrainingProgress> records = progress("progress-budget", run);
        assertThat(records.get(0).totalSteps()).as("before the derivation").isEqualTo(100_000);
        assertThat(records.get(records.size() - 1).totalSteps()).isEqualTo(derived);
        assertThat(records.get(records.size() - 1).step()).isEqualTo(derived);

        SimpleMeterRegistry again = new SimpleMeterRegistry();
        try (TrainerRuntime rt = TrainerRuntime.start(s, cluster.store(), again, StepHooks.NONE)) {
            await().atMost(WAIT)
                    .until(() -> rt.status().phase() == TrainerStatus.Phase.IDLE
                            || rt.status().phase() == TrainerStatus.Phase.FAILED);
            assertThat(rt.status().lastError()).isEmpty();
            assertThat(rt.status().step())
                    .as("resumed at the end: nothing to train")
                    .isEqualTo(derived);
            assertThat(again.get("simclr.trainer.total.steps").gauge().value()).isEqualTo(derived);
            assertThat(again.get("simclr.trainer.steps").counter().count()).isZero();
        }
        assertThat(sets.steps(prefix)).last().isEqualTo(derived);
    }
}
