package dev.simclr.evaluator.loop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.simclr.contracts.DeadLetter.Reason;
import dev.simclr.contracts.EvalResult;
import dev.simclr.evaluator.config.EvaluatorSetup;
import dev.simclr.objectstore.CorruptCheckpointException;
import dev.simclr.objectstore.ObjectStoreOutageException;
import dev.simclr.objectstore.S3Uri;
import dev.simclr.objectstore.VerifiedCheckpoint;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One event, one outcome: published once (then skipped as already evaluated), or dead-lettered. */
class EvaluationWorkerTest {

    @TempDir
    Path cache;

    private final List<EvalResult> published = new ArrayList<>();
    private final List<String> deadLetters = new ArrayList<>();
    private final List<String> outcomes = new ArrayList<>();

    private final EvaluationWorker.Outlets outlets = new EvaluationWorker.Outlets() {
        @Override
        public void publish(EvalResult result) {
            published.add(result);
        }

        @Override
        public void deadLetter(PendingCheckpoint event, Reason reason, String message, Throwable cause) {
            deadLetters.add(event + " " + reason.code() + ": " + message);
        }
    };

    private final EvaluationWorker.Observer observer = new EvaluationWorker.Observer() {
        @Override
        public void evaluated(EvalResult result) {
            outcomes.add("evaluated " + result.runId() + "@" + result.step());
        }

        @Override
        public void failed(PendingCheckpoint event, Reason reason, String message) {
            outcomes.add("failed " + event + " " + reason.code());
        }

        @Override
        public void skipped(PendingCheckpoint event, EvaluationQueue.SkipReason reason, String detail) {
            outcomes.add("skipped " + event + " " + reason.code());
        }
    };

    private EvaluationWorker worker(ArtefactStore store, CheckpointReader reader, EvaluationQueue queue) {
        return worker(store, reader, queue, outlets, Duration.ofMinutes(10));
    }

    private EvaluationWorker worker(
            ArtefactStore store,
            CheckpointReader reader,
            EvaluationQueue queue,
            EvaluationWorker.Outlets out,
            Duration tolerance) {
        ArtefactLayout layout = new ArtefactLayout(Fixtures.BUCKET);
        EvaluatorSetup settings = Fixtures.settings(1e-4);
        CheckpointEvaluator evaluator = new CheckpointEvaluator(
                layout, reader, store, Fixtures.evalSets(cache, 0, 0), settings, Clock.systemUTC());
        return new EvaluationWorker(
                queue,
                evaluator,
                new ReferenceBaselines(layout, store, settings, Clock.systemUTC()),
                store,
                layout,
                out,
                observer,
                tolerance);
    }

    /** Memory artefacts whose puts of {@code name} fail as an object store down for longer than the tolerance. */
    private static ArtefactStore outageOnPut(MemoryArtefacts memory, String name) {
        return new ArtefactStore() {
            @Override
            public byte[] get(S3Uri uri, long maxBytes) {
                return memory.get(uri, maxBytes);
            }

            @Override
            public void put(S3Uri uri, byte[] data, String contentType) {
                if (uri.name().equals(name)) {
                    throw new ObjectStoreOutageException(
                            "the object store has been unavailable for 10m, longer than the"
                                    + " tolerated 10m (last failure: put " + uri
                                    + " failed after 4 attempts: connection refused)",
                            null);
                }
                memory.put(uri, data, contentType);
            }

            @Override
            public boolean exists(S3Uri uri) {
                return memory.exists(uri);
            }

            @Override
            public List<S3Uri> list(S3Uri prefix) {
                return memory.list(prefix);
            }
        };
    }

    @Test
    void anObjectStoreOutageLongerThanTheToleranceStopsTheWorkerWithoutDeadLetterOrAcknowledgement() {
        MemoryArtefacts memory = new MemoryArtefacts();
        VerifiedCheckpoint cp = Fixtures.checkpoint("run-1", 300, Fixtures.tinyConfig(), 5);
        EvaluationQueue queue = new EvaluationQueue(1, Duration.ZERO, System::nanoTime, observer::skipped);
        EvaluationWorker worker = worker(outageOnPut(memory, "encoder.onnx"), prefix -> cp, queue);
        AtomicInteger acks = new AtomicInteger();
        queue.offer(pending(300, acks));
        worker.process(queue.poll().orElseThrow());
        assertThat(deadLetters).as("an outage is not the checkpoint's fault").isEmpty();
        assertThat(published).isEmpty();
        assertThat(acks).as("redelivered after a restart").hasValue(0);
        assertThat(outcomes).isEmpty();
        assertThat(worker.stopped()).startsWith("the object store has been unavailable for 10m");
        assertThat(queue.inProgress()).isEmpty();
        assertThat(memory.exists(S3Uri.parse("s3://simclr-test/run-1/step-300/eval.json")))
                .isFalse();
    }

    @Test
    void anEvaluationThatFailsWhileTheServiceStopsIsAbandonedNotDeadLettered() {
        CheckpointReader interrupted = prefix -> {
            throw new dev.simclr.objectstore.ObjectStoreException(
                    "get " + prefix + "manifest.json failed: RuntimeException:" + " java.lang.InterruptedException");
        };
        EvaluationQueue queue = new EvaluationQueue(1, Duration.ZERO, System::nanoTime, observer::skipped);
        EvaluationWorker worker = worker(new MemoryArtefacts(), interrupted, queue);
        AtomicInteger acks = new AtomicInteger();
        queue.offer(pending(250, acks));
        worker.stop();
        worker.process(queue.poll().orElseThrow());
        assertThat(deadLetters).isEmpty();
        assertThat(acks).as("evaluated again after the restart").hasValue(0);
        assertThat(queue.inProgress()).isEmpty();
        assertThat(worker.stopped()).as("not an outage verdict").isEmpty();
    }

    @Test
    void aResultTheBrokerRefusesForAWhileIsSentAgainAndNothingIsDeadLettered() {
        MemoryArtefacts store = new MemoryArtefacts();
        VerifiedCheckpoint cp = Fixtures.checkpoint("run-1", 400, Fixtures.tinyConfig(), 5);
        EvaluationQueue queue = new EvaluationQueue(1, Duration.ZERO, System::nanoTime, observer::skipped);
        AtomicInteger refusals = new AtomicInteger();
        EvaluationWorker.Outlets flaky = new EvaluationWorker.Outlets() {
            @Override
            public void publish(EvalResult result) {
                if (refusals.incrementAndGet() <= 2) {
                    throw new IllegalStateException("sending result run-1@400 failed: TimeoutException: expired");
                }
                outlets.publish(result);
            }

            @Override
            public void deadLetter(PendingCheckpoint event, Reason reason, String message, Throwable cause) {
                outlets.deadLetter(event, reason, message, cause);
            }
        };
        AtomicInteger acks = new AtomicInteger();
        queue.offer(pending(400, acks));
        worker(store, prefix -> cp, queue, flaky, Duration.ofMinutes(10))
                .process(queue.poll().orElseThrow());
        assertThat(refusals).hasValue(3);
        assertThat(published).hasSize(1);
        assertThat(deadLetters).isEmpty();
        assertThat(acks).hasValue(1);
        assertThat(store.exists(S3Uri.parse("s3://simclr-test/run-1/step-400/eval.json")))
                .isTrue();
    }

    @Test
    void aBrokerAwayLongerThanTheToleranceStopsTheWorker() {
        MemoryArtefacts store = new MemoryArtefacts();
        VerifiedCheckpoint cp = Fixtures.checkpoint("run-1", 500, Fixtures.tinyConfig(), 5);
        EvaluationQueue queue = new EvaluationQueue(1, Duration.ZERO, System::nanoTime, observer::skipped);
        EvaluationWorker.Outlets down = new EvaluationWorker.Outlets() {
            @Override
            public void publish(EvalResult result) {
                throw new IllegalStateException("the broker did not acknowledge the result");
            }

            @Override
            public void deadLetter(PendingCheckpoint event, Reason reason, String message, Throwable cause) {
                throw new IllegalStateException("the broker did not acknowledge the dead letter");
            }
        };
        AtomicInteger acks = new AtomicInteger();
        queue.offer(pending(500, acks));
        EvaluationWorker worker = worker(store, prefix -> cp, queue, down, Duration.ofSeconds(1));
        worker.process(queue.poll().orElseThrow());
        assertThat(worker.stopped()).startsWith("the broker did not store the result of run-1@500 for");
        assertThat(acks).hasValue(0);
        assertThat(store.exists(S3Uri.parse("s3://simclr-test/run-1/step-500/eval.json")))
                .isFalse();
    }

    private static PendingCheckpoint pending(long step, AtomicInteger acks) {
        return new PendingCheckpoint(
                Fixtures.event("run-1", step),
                new PendingCheckpoint.Source("simclr.checkpoints", 0, step, "run-1", new byte[] {1}),
                acks::incrementAndGet);
    }

    @Test
    void publishesOnceWritesTheMarkerAndReferencesThenSkipsTheDuplicate() {
        MemoryArtefacts store = new MemoryArtefacts();
        VerifiedCheckpoint cp = Fixtures.checkpoint("run-1", 100, Fixtures.tinyConfig(), 5);
        EvaluationQueue queue = new EvaluationQueue(1, Duration.ZERO, System::nanoTime, observer::skipped);
        EvaluationWorker worker = worker(store, prefix -> cp, queue);
        AtomicInteger acks = new AtomicInteger();

        queue.offer(pending(100, acks));
        worker.process(queue.poll().orElseThrow());
        assertThat(published).hasSize(1);
        assertThat(acks).hasValue(1);
        byte[] marker = store.get(S3Uri.parse("s3://simclr-test/run-1/step-100/eval.json"), 1 << 20);
        assertThat(EvalResult.fromJson(marker)).isEqualTo(published.get(0));
        JsonNode reference =
                Jsons.parse(store.get(S3Uri.parse("s3://simclr-test/run-1/reference.json"), 1 << 20), "ref");
        JsonNode entry = reference.path("entries").get(0);
        assertThat(entry.path("evalSet").asText()).isEqualTo("synthetic");
        assertThat(entry.path("rawPixels").path("featureDim").asInt()).isEqualTo(16 * 16);
        assertThat(entry.path("randomInit").path("featureDim").asInt()).isEqualTo(64);
        assertThat(entry.path("randomInit").path("seed").asLong()).isZero();

        int putsBefore = store.puts();
        queue.offer(pending(100, acks));
        worker.process(queue.poll().orElseThrow());
        assertThat(published).as("a duplicate publishes nothing").hasSize(1);
        assertThat(acks).hasValue(2);
        assertThat(store.puts()).isEqualTo(putsBefore);
        assertThat(outcomes).containsExactly("evaluated run-1@100", "skipped run-1@100 already-evaluated");
        assertThat(deadLetters).isEmpty();
    }

    @Test
    void aCorruptCheckpointIsDeadLetteredAndAcknowledged() {
        MemoryArtefacts store = new MemoryArtefacts();
        CheckpointReader corrupt = prefix -> {
            throw new CorruptCheckpointException(prefix, "file listed in the manifest is missing");
        };
        EvaluationQueue queue = new EvaluationQueue(1, Duration.ZERO, System::nanoTime, observer::skipped);
        AtomicInteger acks = new AtomicInteger();
        queue.offer(pending(200, acks));
        PendingCheckpoint p = queue.poll().orElseThrow();
        worker(store, corrupt, queue).process(p);
        assertThat(published).isEmpty();
        assertThat(deadLetters)
                .containsExactly("run-1@200 bad-checkpoint: checkpoint set s3://simclr-test/run-1/step-200/"
                        + " does not verify: file listed in the manifest is missing");
        assertThat(acks).hasValue(1);
        assertThat(queue.inProgress()).isEmpty();
        assertThat(outcomes).containsExactly("failed run-1@200 bad-checkpoint");
    }
}
