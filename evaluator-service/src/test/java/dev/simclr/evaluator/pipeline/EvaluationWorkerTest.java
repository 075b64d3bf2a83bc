package dev.simclr.evaluator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.simclr.contracts.DeadLetter.Reason;
import dev.simclr.contracts.EvalResult;
import dev.simclr.objectstore.CorruptCheckpointException;
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

  private EvaluationWorker worker(MemoryArtefacts store, CheckpointReader reader, EvaluationQueue queue) {
    ArtefactLayout layout = new ArtefactLayout(Fixtures.BUCKET);
    EvaluationSettings settings = Fixtures.settings(1e-4);
    CheckpointEvaluator evaluator = new CheckpointEvaluator(layout, reader, store, Fixtures.evalSets(cache, 0, 0),
        settings, Clock.systemUTC());
    return new EvaluationWorker(queue, evaluator, new ReferenceBaselines(layout, store, settings, Clock.systemUTC()),
        store, layout, outlets, observer);
  }

  private static PendingCheckpoint pending(long step, AtomicInteger acks) {
    return new PendingCheckpoint(Fixtures.event("run-1", step),
        new PendingCheckpoint.Source("simclr.checkpoints", 0, step, "run-1", new byte[] {1}), acks::incrementAndGet);
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
    JsonNode reference = Jsons.parse(store.get(S3Uri.parse("s3://simclr-test/run-1/reference.json"), 1 << 20), "ref");
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
    assertThat(deadLetters).containsExactly("run-1@200 bad-checkpoint: checkpoint set s3://simclr-test/run-1/step-200/"
        + " does not verify: file listed in the manifest is missing");
    assertThat(acks).hasValue(1);
    assertThat(queue.inProgress()).isEmpty();
    assertThat(outcomes).containsExactly("failed run-1@200 bad-checkpoint");
  }
}
