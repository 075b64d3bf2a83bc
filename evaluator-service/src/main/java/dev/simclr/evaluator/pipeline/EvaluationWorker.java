package dev.simclr.evaluator.pipeline;

import dev.simclr.contracts.DeadLetter.Reason;
import dev.simclr.contracts.EvalResult;
import dev.simclr.objectstore.ObjectStoreException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single evaluation worker: takes the next checkpoint from the {@link EvaluationQueue} and
 * turns it into exactly one of a published result, a skip, or a dead letter; then acknowledges
 * the source record.
 *
 * <p>Per checkpoint: skip when {@code eval.json} exists (already evaluated); otherwise evaluate,
 * publish the result and wait for the broker's acknowledgement, write {@code eval.json}, acknowledge
 * the record, and finally compute the run's reference baselines if they are missing. A crash after
 * publishing but before {@code eval.json} is written leads to a second evaluation and a second
 * (equal up to timings) result after the restart: results are at-least-once, keyed by (run, step).
 */
public final class EvaluationWorker implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(EvaluationWorker.class);

  /** Where results and dead letters go (blocking until the broker acknowledged them). */
  public interface Outlets {
    /** Publishes a result; returns when it is stored by the broker. */
    void publish(EvalResult result);

    /** Dead-letters the event's source record; returns when it is stored by the broker. */
    void deadLetter(PendingCheckpoint event, Reason reason, String message, Throwable cause);
  }

  /** Notified of every outcome (metrics). */
  public interface Observer {
    /** A result was published. */
    void evaluated(EvalResult result);

    /** An event was dead-lettered. */
    void failed(PendingCheckpoint event, Reason reason, String message);

    /** An event was skipped. */
    void skipped(PendingCheckpoint event, EvaluationQueue.SkipReason reason, String detail);
  }

  private final EvaluationQueue queue;
  private final CheckpointEvaluator evaluator;
  private final ReferenceBaselines references;
  private final ArtefactStore store;
  private final ArtefactLayout layout;
  private final Outlets outlets;
  private final Observer observer;

  /**
   * A worker.
   *
   * @param references the baselines, or null when they are turned off
   */
  public EvaluationWorker(EvaluationQueue queue, CheckpointEvaluator evaluator, ReferenceBaselines references,
      ArtefactStore store, ArtefactLayout layout, Outlets outlets, Observer observer) {
    this.queue = queue;
    this.evaluator = evaluator;
    this.references = references;
    this.store = store;
    this.layout = layout;
    this.outlets = outlets;
    this.observer = observer;
  }

  /** Processes events until the thread is interrupted. */
  @Override
  public void run() {
    LOG.info("evaluation worker started");
    while (!Thread.currentThread().isInterrupted()) {
      PendingCheckpoint next;
      try {
        next = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      process(next);
    }
    LOG.info("evaluation worker stopped");
  }

  /** Processes one event taken from the queue (then marks it done there). */
  public void process(PendingCheckpoint event) {
    try {
      if (store.exists(layout.eval(event.runId(), event.step()))) {
        event.complete();
        String detail = layout.eval(event.runId(), event.step()) + " exists";
        LOG.info("skipping {}: already evaluated ({})", event, detail);
        observer.skipped(event, EvaluationQueue.SkipReason.ALREADY_EVALUATED, detail);
        return;
      }
      CheckpointEvaluator.Evaluation evaluation = evaluator.evaluate(event.event());
      EvalResult result = evaluation.result();
      outlets.publish(result);
      store.put(layout.eval(event.runId(), event.step()), result.toJson().getBytes(StandardCharsets.UTF_8),
          "application/json");
      event.complete();
      observer.evaluated(result);
      if (references != null) {
        try {
          references.ensure(event.runId(), evaluation.config(), evaluation.evalSet());
        } catch (RuntimeException e) {
          LOG.warn("reference baselines of run {} failed: {}", event.runId(), e.toString());
        }
      }
    } catch (EvaluationFailure f) {
      deadLetter(event, f.reason(), f.getMessage(), f);
    } catch (ObjectStoreException e) {
      deadLetter(event, Reason.FETCH_FAILED, "object store: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      LOG.error("evaluation of {} failed unexpectedly", event, e);
      deadLetter(event, Reason.INTERNAL, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    } finally {
      queue.done(event);
    }
  }

  private void deadLetter(PendingCheckpoint event, Reason reason, String message, Throwable cause) {
    LOG.warn("dead-lettering {} ({}): {}", event, reason.code(), message);
    try {
      outlets.deadLetter(event, reason, message, cause);
      event.complete();
      observer.failed(event, reason, message);
    } catch (RuntimeException e) {
      LOG.error("cannot dead-letter {} ({}); the record stays unacknowledged and is redelivered after a restart",
          event, e.toString());
    }
  }
}
