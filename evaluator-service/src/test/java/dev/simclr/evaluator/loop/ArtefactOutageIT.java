package dev.simclr.evaluator.loop;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import dev.simclr.contracts.CheckpointEvent;
import dev.simclr.contracts.CheckpointManifest;
import dev.simclr.contracts.DeadLetter.Reason;
import dev.simclr.contracts.EvalResult;
import dev.simclr.contracts.Sha256;
import dev.simclr.evaluator.config.EvaluatorSetup;
import dev.simclr.localstack.EmbeddedS3;
import dev.simclr.model.SimClrModel;
import dev.simclr.model.train.TrainerState;
import dev.simclr.objectstore.CheckpointSets;
import dev.simclr.objectstore.ObjectStore;
import dev.simclr.objectstore.ObjectStoreConfig;
import dev.simclr.objectstore.OutageRetry;
import dev.simclr.objectstore.OutageStatus;
import dev.simclr.objectstore.S3Uri;
import dev.simclr.objectstore.VerifiedCheckpoint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The object store dies (SIGKILL of s3proxy) between reading a checkpoint and writing its artefacts, and comes back on
 * the same port and data 8 s later: the evaluation's uploads ride the outage, the result is published once, nothing is
 * dead-lettered, the record is acknowledged once and every artefact is in S3.
 */
class ArtefactOutageIT {

    private static final String BUCKET = "simclr-test";

    @TempDir
    Path cache;

    @Test
    void artefactWritesRideThroughAnObjectStoreOutage() throws Exception {
        List<EvalResult> published = new CopyOnWriteArrayList<>();
        List<String> deadLetters = new CopyOnWriteArrayList<>();
        AtomicLong killedAt = new AtomicLong();
        AtomicLong backAt = new AtomicLong();
        AtomicLong publishedAt = new AtomicLong();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (EmbeddedS3 s3 = EmbeddedS3.start(null);
                ObjectStore plain = ObjectStore.connect(ObjectStoreConfig.builder()
                        .setEndpoint(s3.endpoint())
                        .setAccessKey(s3.accessKey())
                        .setSecretKey(s3.secretKey())
                        .optRegion(s3.region())
                        .build())) {
            plain.ensureBucket(BUCKET);
            CheckpointEvent event = checkpoint(plain, "run-1", 700);
            OutageStatus status = new OutageStatus();
            ObjectStore riding = plain.riding(new OutageRetry(Duration.ofMinutes(2), status, () -> false));
            CheckpointSets sets = new CheckpointSets(riding);
            CheckpointReader killAfterReading = prefix -> {
                VerifiedCheckpoint cp = sets.read(prefix);
                s3.kill();
                killedAt.set(System.nanoTime());
                timer.schedule(
                        () -> {
                            s3.restart();
                            backAt.set(System.nanoTime());
                        },
                        8,
                        TimeUnit.SECONDS);
                return cp;
            };
            ArtefactLayout layout = new ArtefactLayout(BUCKET);
            ArtefactStore artefacts = new S3Artefacts(riding);
            EvaluatorSetup settings = Fixtures.settings(1e-4);
            CheckpointEvaluator evaluator = new CheckpointEvaluator(
                    layout, killAfterReading, artefacts, Fixtures.evalSets(cache, 0, 0), settings, Clock.systemUTC());
            EvaluationWorker.Outlets outlets = new EvaluationWorker.Outlets() {
                @Override
                public void publish(EvalResult result) {
                    published.add(result);
                    publishedAt.set(System.nanoTime());
                }

                @Override
                public void deadLetter(PendingCheckpoint e, Reason reason, String message, Throwable cause) {
                    deadLetters.add(reason.code() + ": " + message);
                }
            };
            EvaluationQueue queue = new EvaluationQueue(1, Duration.ZERO, System::nanoTime, (e, r, d) -> {});
            EvaluationWorker worker = new EvaluationWorker(
                    queue,
                    evaluator,
                    null,
                    artefacts,
                    layout,
                    outlets,
                    new EvaluationWorker.Observer() {
                        @Override
                        public void evaluated(EvalResult result) {}

                        @Override
                        public void failed(PendingCheckpoint e, Reason reason, String message) {}

                        @Override
                        public void skipped(PendingCheckpoint e, EvaluationQueue.SkipReason reason, String detail) {}
                    },
                    Duration.ofMinutes(2));
            AtomicInteger acks = new AtomicInteger();
            queue.offer(new PendingCheckpoint(
                    event,
                    new PendingCheckpoint.Source(
                            "simclr.checkpoints", 0, 0, "run-1", event.toJson().getBytes(StandardCharsets.UTF_8)),
                    acks::incrementAndGet));
            worker.process(queue.poll().orElseThrow());

            assertThat(deadLetters).isEmpty();
            assertThat(worker.stopped()).isEmpty();
            assertThat(published).hasSize(1);
            assertThat(acks).hasValue(1);
            assertThat(publishedAt.get()).as("published only after S3 was back").isGreaterThan(backAt.get());
            assertThat(status.outagesRidden()).isGreaterThanOrEqualTo(1);
            assertThat(status.lastOutage()).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
            for (String name : List.of("encoder.onnx", "embedding.json", "eval.json")) {
                assertThat(plain.exists(S3Uri.parse("s3://" + BUCKET + "/run-1/step-700/" + name)))
                        .as(name)
                        .isTrue();
            }
            assertThat(EvalResult.fromJson(
                            plain.get(S3Uri.parse("s3://" + BUCKET + "/run-1/step-700/eval.json"), 1 << 20)))
                    .isEqualTo(published.get(0));
            System.out.println(String.format(
                    Locale.ROOT,
                    "OUTAGE-NUMBERS evaluator: S3 down %.1f s during an"
                            + " evaluation; result published %.1f s after it was back",
                    (backAt.get() - killedAt.get()) / 1e9,
                    (publishedAt.get() - backAt.get()) / 1e9));
        } finally {
            timer.shutdownNow();
        }
    }

    /** Writes a checkpoint set of the tiny model as the trainer does and returns its event. */
    private static CheckpointEvent checkpoint(ObjectStore store, String run, long step) {
        TrainerState state;
        try (SimClrModel model = SimClrModel.create(Fixtures.tinyConfig(), Device.cpu(), step)) {
            state = new TrainerState(Fixtures.tinyConfig(), step, step, "lars", model.saveParameters(), new byte[] {9});
        }
        S3Uri prefix = S3Uri.parse("s3://" + BUCKET + "/" + run + "/step-" + step + "/");
        CheckpointManifest m = new CheckpointSets(store)
                .write(
                        prefix,
                        state.files(),
                        CheckpointManifest.builder()
                                .setRunId(run)
                                .setStep(step)
                                .setEpoch(0)
                                .setSamplesSeen(step)
                                .setCreatedAt(Instant.now())
                                .optAttributes(state.attributes())
                                .build());
        return new CheckpointEvent(
                run,
                step,
                0,
                step,
                1.0,
                prefix.toString(),
                Sha256.hex(m.toJson().getBytes(StandardCharsets.UTF_8)),
                Instant.now());
    }
}
