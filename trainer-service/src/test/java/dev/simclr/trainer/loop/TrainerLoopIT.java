package dev.simclr.trainer.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.simclr.contracts.CheckpointEvent;
import dev.simclr.contracts.CheckpointManifest;
import dev.simclr.contracts.DeadLetter;
import dev.simclr.objectstore.CheckpointSets;
import dev.simclr.objectstore.S3Uri;
import dev.simclr.trainer.checkpoint.LeaseHeldException;
import dev.simclr.trainer.config.TrainerSetup;
import dev.simclr.trainer.testing.Cluster;
import dev.simclr.trainer.testing.Lineages;
import dev.simclr.trainer.testing.Views;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The plain-Java trainer against embedded Kafka and S3 with a tiny model. */
class TrainerLoopIT {

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

    @Test
    void threeBatchesGiveThreeStepsVerifiedCheckpointsAndThreeEvents() {
        String run = "three";
        cluster.topics("views-three", 2, "checkpoints-three");
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            records.add(Cluster.view("views-three", i % 2, "img-" + i, Views.encoded("img-" + i, 8, 1, i), run));
        }
        List<RecordMetadata> produced = cluster.produceTransaction(records);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TrainerSetup s = cluster.setup(run, "views-three", "checkpoints-three");
        try (TrainerRuntime rt = TrainerRuntime.start(s, cluster.store(), registry, StepHooks.NONE)) {
            await().atMost(WAIT)
                    .until(() ->
                            rt.status().lastCheckpointStep() >= 3 || rt.status().phase() == TrainerStatus.Phase.FAILED);
            assertThat(rt.status().lastError()).isEmpty();
            assertThat(rt.status().phase()).isEqualTo(TrainerStatus.Phase.RUNNING);
            assertThat(rt.status().consumerAssigned()).isTrue();

            assertThatThrownBy(() -> TrainerRuntime.start(
                            cluster.setup(
                                    run,
                                    "views-three",
                                    "checkpoints-three",
                                    "simclr.trainer.lease.holder-id",
                                    "someone-else"),
                            cluster.store(),
                            new SimpleMeterRegistry(),
                            StepHooks.NONE))
                    .isInstanceOf(LeaseHeldException.class)
                    .hasMessageContaining("is being trained by 'it-three'");

            assertThat(registry.get("simclr.trainer.steps").counter().count()).isEqualTo(3);
            assertThat(registry.get("simclr.trainer.pairs.consumed").counter().count())
                    .isEqualTo(12);
            assertThat(registry.get("simclr.trainer.checkpoints").counter().count())
                    .isEqualTo(3);
            assertThat(registry.get("simclr.trainer.loss").gauge().value())
                    .isFinite()
                    .isPositive();
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(cluster.committed(s.consumerGroup(), "views-three"))
                            .isEqualTo(Map.of(0, 6L, 1, 6L)));
        }
        List<CheckpointManifest> manifests = Lineages.manifests(cluster.store(), Cluster.BUCKET, run, 3);
        assertThat(manifests).extracting(CheckpointManifest::samplesSeen).containsExactly(0L, 4L, 8L, 12L);
        Lineages.assertExactlyOnce(manifests, "views-three", produced, 4);
        assertThat(manifests.get(0).offsets().get("views-three")).isEqualTo(Map.of(0, 0L, 1, 0L));
        assertThat(manifests.get(3).attributes())
                .containsEntry("deadLettered", 0)
                .containsEntry("skippedOtherRun", 0);
        assertThat(((Map<?, ?>) manifests.get(3).attributes().get("provenance")).get("dataset"))
                .isEqualTo("kafka:views-three");
        assertThat(new CheckpointSets(cluster.store()).steps(new S3Uri(Cluster.BUCKET, run + "/")))
                .containsExactly(0L, 1L, 2L, 3L);

        List<CheckpointEvent> events = cluster.events("checkpoints-three", run);
        assertThat(events).extracting(CheckpointEvent::step).containsExactly(1L, 2L, 3L);
        assertThat(events).extracting(CheckpointEvent::samplesSeen).containsExactly(4L, 8L, 12L);
        assertThat(events.get(2).checkpointUri()).isEqualTo("s3://" + Cluster.BUCKET + "/three/step-3/");
        assertThat(events.get(2).manifestSha256())
                .isEqualTo(new CheckpointSets(cluster.store())
                        .read(S3Uri.parse(events.get(2).checkpointUri()))
                        .manifestSha256());
        assertThat(cluster.store().exists(new S3Uri(Cluster.BUCKET, run + "/LEASE")))
                .as("released on close")
                .isFalse();
    }

    @Test
    void badViewsAreDeadLetteredWithReasonsAndNotCountedInSteps() {
        String run = "bad";
        cluster.topics("views-bad", 1, "checkpoints-bad");
        List<ProducerRecord<byte[], byte[]>> records = List.of(
                Cluster.view("views-bad", 0, "g0", Views.encoded("g0", 8, 1, 0), run),
                Cluster.view("views-bad", 0, "junk", "not a view pair".getBytes(StandardCharsets.UTF_8), run),
                Cluster.view("views-bad", 0, "g1", Views.encoded("g1", 8, 1, 1), null),
                Cluster.view("views-bad", 0, "big", Views.encoded("big", 12, 1, 2), run),
                Cluster.view("views-bad", 0, "theirs", Views.encoded("theirs", 8, 1, 3), "another-run"),
                Cluster.view("views-bad", 0, "g2", Views.encoded("g2", 8, 1, 4), run),
                Cluster.view("views-bad", 0, "g3", Views.encoded("g3", 8, 1, 5), run));
        List<RecordMetadata> produced = cluster.produceTransaction(records);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TrainerSetup s = cluster.setup(run, "views-bad", "checkpoints-bad");
        try (TrainerRuntime rt = TrainerRuntime.start(s, cluster.store(), registry, StepHooks.NONE)) {
            await().atMost(WAIT)
                    .until(() ->
                            rt.status().lastCheckpointStep() >= 1 || rt.status().phase() == TrainerStatus.Phase.FAILED);
            assertThat(rt.status().lastError()).isEmpty();
            assertThat(registry.get("simclr.trainer.dead.letters")
                            .tag("reason", "unparseable")
                            .counter()
                            .count())
                    .isEqualTo(1);
            assertThat(registry.get("simclr.trainer.dead.letters")
                            .tag("reason", "wrong-shape")
                            .counter()
                            .count())
                    .isEqualTo(1);
            assertThat(registry.get("simclr.trainer.views.skipped.other.run")
                            .counter()
                            .count())
                    .isEqualTo(1);
        }
        CheckpointManifest m =
                Lineages.manifests(cluster.store(), Cluster.BUCKET, run, 1).get(1);
        assertThat(m.step()).isEqualTo(1);
        assertThat(m.samplesSeen()).isEqualTo(4);
        assertThat(m.offsets().get("views-bad"))
                .isEqualTo(Map.of(0, produced.get(6).offset() + 1));
        assertThat(m.attributes()).containsEntry("deadLettered", 2).containsEntry("skippedOtherRun", 1);

        List<ConsumerRecord<byte[], byte[]>> dlq = cluster.readAll("views-bad.dlq", Duration.ofSeconds(2));
        assertThat(dlq).hasSize(2);
        assertThat(dlq)
                .extracting(r -> header(r, DeadLetter.REASON_CODE))
                .containsExactly("unparseable", "wrong-shape");
        assertThat(dlq)
                .extracting(r -> header(r, DeadLetter.SOURCE_OFFSET))
                .containsExactly(
                        String.valueOf(produced.get(1).offset()),
                        String.valueOf(produced.get(3).offset()));
        assertThat(header(dlq.get(1), DeadLetter.REASON))
                .isEqualTo("view pair big is 12x12x1, the run's model takes 8x8x1");
        assertThat(dlq)
                .allSatisfy(r -> assertThat(header(r, DeadLetter.SOURCE_TOPIC)).isEqualTo("views-bad"));
        assertThat(dlq.get(0).value()).isEqualTo("not a view pair".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aPartialBatchTrainsAfterTheTimeoutAndCountsItsPairsExactly() {
        String run = "partial";
        cluster.topics("views-partial", 1, "checkpoints-partial");
        cluster.produceTransaction(List.of(
                Cluster.view("views-partial", 0, "a", Views.encoded("a", 8, 1, 1), run),
                Cluster.view("views-partial", 0, "b", Views.encoded("b", 8, 1, 2), run),
                Cluster.view("views-partial", 0, "c", Views.encoded("c", 8, 1, 3), run)));
        TrainerSetup s = cluster.setup(
                run,
                "views-partial",
                "checkpoints-partial",
                "simclr.trainer.partial-batch-timeout",
                "1s",
                "simclr.trainer.max-steps",
                "1");
        try (TrainerRuntime rt = TrainerRuntime.start(s, cluster.store(), new SimpleMeterRegistry(), StepHooks.NONE)) {
            await().atMost(WAIT)
                    .until(() -> rt.status().phase() == TrainerStatus.Phase.IDLE
                            || rt.status().phase() == TrainerStatus.Phase.FAILED);
            assertThat(rt.status().lastError()).isEmpty();
        }
        CheckpointManifest m =
                Lineages.manifests(cluster.store(), Cluster.BUCKET, run, 1).get(1);
        assertThat(m.samplesSeen()).isEqualTo(3);
        assertThat(m.attributes()).containsEntry("partialSteps", 1);
        assertThat(cluster.events("checkpoints-partial", run))
                .extracting(CheckpointEvent::samplesSeen)
                .containsExactly(3L);
    }

    @Test
    void aGracefulShutdownWritesAFinalCheckpointAndItsEvent() {
        String run = "graceful";
        cluster.topics("views-graceful", 1, "checkpoints-graceful");
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            records.add(Cluster.view("views-graceful", 0, "g" + i, Views.encoded("g" + i, 8, 1, i), run));
        }
        List<RecordMetadata> produced = cluster.produceTransaction(records);
        TrainerSetup s =
                cluster.setup(run, "views-graceful", "checkpoints-graceful", "simclr.trainer.checkpoint-every", "100");
        TrainerRuntime rt = TrainerRuntime.start(s, cluster.store(), new SimpleMeterRegistry(), StepHooks.NONE);
        await().atMost(WAIT).until(() -> rt.status().step() >= 2 || rt.status().phase() == TrainerStatus.Phase.FAILED);
        assertThat(rt.status().lastCheckpointStep()).as("only step 0 so far").isZero();
        rt.close();
        assertThat(rt.status().phase()).isEqualTo(TrainerStatus.Phase.STOPPED);
        assertThat(rt.status().lastCheckpointStep()).isEqualTo(2);
        CheckpointSets sets = new CheckpointSets(cluster.store());
        S3Uri prefix = new S3Uri(Cluster.BUCKET, run + "/");
        assertThat(sets.steps(prefix)).containsExactly(0L, 2L);
        CheckpointManifest last = sets.read(CheckpointSets.setPrefix(prefix, 2)).manifest();
        assertThat(last.samplesSeen()).isEqualTo(8);
        assertThat(last.offsets().get("views-graceful"))
                .isEqualTo(Map.of(0, produced.get(7).offset() + 1));
        assertThat(cluster.events("checkpoints-graceful", run))
                .extracting(CheckpointEvent::step)
                .containsExactly(2L);
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String key) {
        return new String(r.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
    }
}
