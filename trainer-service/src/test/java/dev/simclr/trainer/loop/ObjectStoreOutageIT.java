package dev.simclr.trainer.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.simclr.contracts.CheckpointEvent;
import dev.simclr.contracts.CheckpointManifest;
import dev.simclr.objectstore.CheckpointSets;
import dev.simclr.objectstore.S3Uri;
import dev.simclr.trainer.config.TrainerSetup;
import dev.simclr.trainer.testing.Cluster;
import dev.simclr.trainer.testing.Lineages;
import dev.simclr.trainer.testing.Views;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The object store dies mid-run (SIGKILL of s3proxy) for longer than a checkpoint interval and than the lease TTL, and
 * comes back on the same port and data: the trainer rides it out in the same process. No step is taken while the lease
 * is lapsed, the input is paused, readiness is DOWN and liveness stays UP; afterwards training continues and the
 * surviving lineage counts every pair in exactly one step. An outage longer than the tolerance stops the trainer
 * cleanly (FAILED, nothing half-written announced) and a new trainer resumes.
 */
class ObjectStoreOutageIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Duration OUTAGE = Duration.ofSeconds(15);
    private static final int B = 4;
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

    /** Health as sampled by a background thread: time, liveness, both readiness checks. */
    private record Sample(long nanos, boolean live, boolean inputReady, boolean storeReady, long step) {}

    private static List<ProducerRecord<byte[], byte[]>> pairs(
            String topic, int partitions, String run, int from, int count) {
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
        for (int n = from; n < from + count; n++) {
            out.add(Cluster.view(topic, n % partitions, "img-" + n, Views.encoded("img-" + n, 8, 1, n), run));
        }
        return out;
    }

    @Test
    void anOutageLongerThanACheckpointIntervalIsRiddenThroughExactlyOnce() throws Exception {
        String run = "outage";
        String views = "views-outage";
        String checkpoints = "checkpoints-outage";
        cluster.topics(views, 2, checkpoints);
        List<RecordMetadata> produced = new ArrayList<>(cluster.produceTransaction(pairs(views, 2, run, 0, 5 * B)));
        AtomicLong killedAt = new AtomicLong();
        StepHooks killBeforeStep5 = new StepHooks() {
            @Override
            public void beforeStep(long step) {
                if (step == 5) {
                    cluster.s3().kill();
                    killedAt.set(System.nanoTime());
                }
            }
        };
        // Consumption order: the test watches the intake pause while the lease is lapsed; with a shuffle
        // buffer the pairs that arrive during the outage would first wait in it (bounded by shuffle-buffer).
        TrainerSetup s = cluster.setup(
                run,
                views,
                checkpoints,
                "simclr.trainer.checkpoint-every",
                "4",
                "simclr.trainer.max-steps",
                "12",
                "simclr.trainer.queue-capacity",
                "2",
                "simclr.trainer.lease.ttl",
                "4s",
                "simclr.trainer.checkpoint.outage-tolerance",
                "2m",
                "simclr.trainer.optimizer.algorithm",
                "sgd",
                "simclr.trainer.shuffle-buffer",
                "0");
        List<Sample> samples = new CopyOnWriteArrayList<>();
        AtomicLong checkpointAfterBack = new AtomicLong();
        AtomicLong readyAfterBack = new AtomicLong();
        AtomicLong backAt = new AtomicLong();
        try (TrainerRuntime rt = TrainerRuntime.start(s, cluster.store(), new SimpleMeterRegistry(), killBeforeStep5)) {
            Thread sampler = new Thread(
                    () -> {
                        while (!Thread.currentThread().isInterrupted()) {
                            TrainerHealth h = rt.health();
                            long now = System.nanoTime();
                            Sample x = new Sample(
                                    now,
                                    h.liveness(Duration.ofMinutes(15)).up(),
                                    h.input().up(),
                                    h.objectStore().up(),
                                    rt.status().step());
                            samples.add(x);
                            if (backAt.get() != 0
                                    && checkpointAfterBack.get() == 0
                                    && rt.status().lastCheckpointStep() > 4) {
                                checkpointAfterBack.set(now);
                            }
                            if (backAt.get() != 0 && readyAfterBack.get() == 0 && x.storeReady()) {
                                readyAfterBack.set(now);
                            }
                            try {
                                Thread.sleep(50);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    },
                    "health-sampler");
            sampler.start();

            await().atMost(WAIT)
                    .until(() -> rt.status().step() >= 5 || rt.status().phase() == TrainerStatus.Phase.FAILED);
            assertThat(rt.status().lastError()).isEmpty();
            assertThat(rt.status().lastCheckpointStep()).isEqualTo(4);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> rt.storeStatus().current().isPresent()
                            && rt.health().objectStore().data().containsKey("leaseLapsedSeconds"));
            assertThat(rt.health().objectStore().up()).isFalse();
            // more pairs arrive during the outage: they must wait, not be trained on a lapsed lease
            produced.addAll(cluster.produceTransaction(pairs(views, 2, run, 5 * B, 7 * B)));
            await().atMost(Duration.ofSeconds(30)).until(() -> rt.metrics().isPaused());
            long left = OUTAGE.toNanos() - (System.nanoTime() - killedAt.get());
            Thread.sleep(Math.max(0, left / 1_000_000));
            assertThat(rt.status().step())
                    .as("no step while the lease is lapsed")
                    .isEqualTo(5);
            assertThat(rt.status().lastCheckpointStep()).isEqualTo(4);
            assertThat(rt.status().phase()).isEqualTo(TrainerStatus.Phase.RUNNING);
            assertThat(rt.trainingThreadAlive()).isTrue();

            cluster.s3().restart();
            backAt.set(System.nanoTime());
            await().atMost(WAIT)
                    .until(() -> rt.status().phase() == TrainerStatus.Phase.IDLE
                            || rt.status().phase() == TrainerStatus.Phase.FAILED);
            assertThat(rt.status().lastError()).isEmpty();
            assertThat(rt.status().lastCheckpointStep()).isEqualTo(12);
            await().atMost(Duration.ofSeconds(10)).until(() -> readyAfterBack.get() != 0);
            sampler.interrupt();
            sampler.join();
            assertThat(rt.storeStatus().outagesRidden()).isGreaterThanOrEqualTo(1);
        }

        assertThat(samples).as("liveness stayed UP").allMatch(Sample::live);
        assertThat(samples)
                .filteredOn(x -> x.step() >= 1)
                .as("the input check is not about S3")
                .allMatch(Sample::inputReady);
        assertThat(samples)
                .filteredOn(x -> x.nanos() > killedAt.get() + 2_000_000_000L && x.nanos() < backAt.get())
                .as("readiness DOWN during the outage")
                .isNotEmpty()
                .noneMatch(Sample::storeReady);
        assertThat(samples.get(samples.size() - 1).storeReady())
                .as("readiness UP again")
                .isTrue();

        List<CheckpointManifest> lineage =
                Lineages.manifests(cluster.store(), Cluster.BUCKET, run, List.of(0L, 4L, 8L, 12L));
        assertThat(lineage).extracting(CheckpointManifest::samplesSeen).containsExactly(0L, 16L, 32L, 48L);
        Lineages.assertExactlyOnce(lineage, views, produced, 4 * B);
        assertThat(new CheckpointSets(cluster.store()).steps(new S3Uri(Cluster.BUCKET, run + "/")))
                .containsExactly(0L, 4L, 8L, 12L);
        assertThat(cluster.events(checkpoints, run))
                .extracting(CheckpointEvent::step)
                .containsExactly(4L, 8L, 12L);

        double outage = (backAt.get() - killedAt.get()) / 1e9;
        double toCheckpoint = (checkpointAfterBack.get() - backAt.get()) / 1e9;
        double toReady = (readyAfterBack.get() - backAt.get()) / 1e9;
        System.out.println(String.format(
                Locale.ROOT,
                "OUTAGE-NUMBERS trainer: S3 down %.1f s; after it was back:"
                        + " readiness UP in %.1f s, next checkpoint (step 8) in %.1f s",
                outage,
                toReady,
                toCheckpoint));
    }

    @Test
    void anOutageLongerThanTheToleranceStopsTheTrainerCleanlyAndANewOneResumes() throws Exception {
        String run = "toolong";
        String views = "views-toolong";
        String checkpoints = "checkpoints-toolong";
        cluster.topics(views, 1, checkpoints);
        List<RecordMetadata> produced = new ArrayList<>(cluster.produceTransaction(pairs(views, 1, run, 0, 4 * B)));
        StepHooks killBeforeCheckpoint4 = new StepHooks() {
            @Override
            public void beforeCheckpoint(long step) {
                if (step == 4) {
                    cluster.s3().kill();
                }
            }
        };
        TrainerSetup s = cluster.setup(
                run,
                views,
                checkpoints,
                "simclr.trainer.checkpoint-every",
                "2",
                "simclr.trainer.max-steps",
                "4",
                "simclr.trainer.lease.ttl",
                "30s",
                "simclr.trainer.checkpoint.outage-tolerance",
                "6s",
                "simclr.trainer.optimizer.algorithm",
                "sgd");
        try (TrainerRuntime rt =
                TrainerRuntime.start(s, cluster.store(), new SimpleMeterRegistry(), killBeforeCheckpoint4)) {
            await().atMost(WAIT)
                    .until(() -> rt.status().phase() == TrainerStatus.Phase.FAILED
                            || rt.status().phase() == TrainerStatus.Phase.IDLE);
            assertThat(rt.status().phase()).isEqualTo(TrainerStatus.Phase.FAILED);
            assertThat(rt.status().lastError())
                    .startsWith("ObjectStoreOutageException: the object store has been" + " unavailable for")
                    .contains("longer than the tolerated 6s");
            assertThat(rt.status().lastCheckpointStep()).isEqualTo(2);
            assertThat(rt.health().liveness(Duration.ofMinutes(15)).up())
                    .as("a given-up trainer is broken")
                    .isFalse();
            assertThat(rt.health().objectStore().data()).containsEntry("objectStore", "gave up");
        } finally {
            cluster.s3().restart();
        }
        assertThat(new CheckpointSets(cluster.store())
                        .latestVerified(new S3Uri(Cluster.BUCKET, run + "/"))
                        .orElseThrow()
                        .step())
                .as("nothing of step 4 is complete")
                .isEqualTo(2);
        assertThat(cluster.events(checkpoints, run))
                .extracting(CheckpointEvent::step)
                .containsExactly(2L);

        try (TrainerRuntime again =
                TrainerRuntime.start(s, cluster.store(), new SimpleMeterRegistry(), StepHooks.NONE)) {
            await().atMost(WAIT)
                    .until(() -> again.status().phase() == TrainerStatus.Phase.IDLE
                            || again.status().phase() == TrainerStatus.Phase.FAILED);
            assertThat(again.status().lastError()).isEmpty();
        }
        List<CheckpointManifest> lineage =
                Lineages.manifests(cluster.store(), Cluster.BUCKET, run, List.of(0L, 2L, 4L));
        Lineages.assertExactlyOnce(lineage, views, produced, 2 * B);
        assertThat(cluster.events(checkpoints, run))
                .extracting(CheckpointEvent::step)
                .as("step 2 re-announced by the resuming trainer, as after any restart")
                .containsExactly(2L, 2L, 4L);
    }
}
