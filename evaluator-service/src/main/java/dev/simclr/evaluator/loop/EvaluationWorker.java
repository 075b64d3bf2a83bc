package dev.simclr.evaluator.loop;

import dev.simclr.contracts.DeadLetter.Reason;
import dev.simclr.contracts.EvalResult;
import dev.simclr.objectstore.ObjectStoreException;
import dev.simclr.objectstore.ObjectStoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single evaluation worker: takes the next checkpoint from the {@link EvaluationQueue} and turns it into exactly
 * one of a published result, a skip, or a dead letter; then acknowledges the source record.
 *
 * <p>Per checkpoint: skip when {@code eval.json} exists (already evaluated); otherwise evaluate, publish the result and
 * wait for the broker's acknowledgement, write {@code eval.json}, acknowledge the record, and finally compute the run's
 * reference baselines if they are missing. A crash after publishing but before {@code eval.json} is written leads to a
 * second evaluation and a second (equal up to timings) result after the restart: results are at-least-once, keyed by
 * (run, step).
 *
 * <p>Infrastructure outages are ridden through, never dead-lettered: the artefact store rides S3 outages itself
 * ({@code ObjectStore.riding}); a result the broker does not acknowledge is sent again with backoff. Both within
 * {@code outageTolerance}; beyond it the worker stops with the reason ({@link #stopped()}), the record stays
 * unacknowledged and is evaluated again after a restart.
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
    private final Duration outageTolerance;
    private volatile String stopped = "";
    private volatile boolean stopRequested;

    /**
     * A worker.
     *
     * @param references the baselines, or null when they are turned off
     * @param outageTolerance how long the broker may refuse a result before the worker stops
     */
    public EvaluationWorker(
            EvaluationQueue queue,
            CheckpointEvaluator evaluator,
            ReferenceBaselines references,
            ArtefactStore store,
            ArtefactLayout layout,
            Outlets outlets,
            Observer observer,
            Duration outageTolerance) {
        this.queue = queue;
        this.evaluator = evaluator;
        this.references = references;
        this.store = store;
        this.layout = layout;
        this.outlets = outlets;
        this.observer = observer;
        this.outageTolerance = outageTolerance;
    }

    /**
     * Asks the worker to stop after the current event. An evaluation that fails from now on (the engines and clients
     * are shutting down under it) is abandoned, not dead-lettered: its record stays unacknowledged and is evaluated
     * after the restart.
     */
    public void stop() {
        stopRequested = true;
    }

    /** Why the worker stopped on its own (an outage longer than the tolerance), or empty while it works. */
    public String stopped() {
        return stopped;
    }

    /** Processes events until the thread is interrupted. */
    @Override
    public void run() {
        LOG.info("evaluation worker started");
        while (!Thread.currentThread().isInterrupted() && !stopRequested && stopped.isEmpty()) {
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
            publish(result);
            store.put(
                    layout.eval(event.runId(), event.step()),
                    result.toJson().getBytes(StandardCharsets.UTF_8),
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
        } catch (ObjectStoreUnavailableException | Outage e) {
            giveUp(event, e);
        } catch (ObjectStoreException e) {
            deadLetter(event, Reason.FETCH_FAILED, "object store: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            ObjectStoreUnavailableException unavailable = Outage.unavailableCause(e);
            if (unavailable != null) {
                giveUp(event, unavailable);
                return;
            }
            if (!stopRequested) {
                LOG.error("evaluation of {} failed unexpectedly", event, e);
            }
            deadLetter(event, Reason.INTERNAL, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        } finally {
            queue.done(event);
        }
    }

    /** Publishes, sending again with backoff (1 s doubling to 10 s) while the broker refuses, within the tolerance. */
    private void publish(EvalResult result) {
        long start = System.nanoTime();
        Duration backoff = Duration.ofSeconds(1);
        for (int attempt = 1; ; attempt++) {
            try {
                outlets.publish(result);
                if (attempt > 1) {
                    LOG.info(
                            "published {}@{} after {} attempts ({} s)",
                            result.runId(),
                            result.step(),
                            attempt,
                            (System.nanoTime() - start) / 1_000_000_000L);
                }
                return;
            } catch (RuntimeException e) {
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                if (elapsed.compareTo(outageTolerance) >= 0) {
                    throw new Outage(
                            "the broker did not store the result of " + result.runId() + "@" + result.step() + " for "
                                    + elapsed.toSeconds() + " s, longer than the tolerated " + outageTolerance + ": "
                                    + e.getMessage(),
                            e);
                }
                LOG.warn(
                        "publishing the result of {}@{} failed ({}); sending it again in {} s",
                        result.runId(),
                        result.step(),
                        e.getMessage(),
                        backoff.toSeconds());
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new Outage(
                            "stopped while the broker did not store the result of " + result.runId() + "@"
                                    + result.step(),
                            e);
                }
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0
                        ? Duration.ofSeconds(10)
                        : backoff.multipliedBy(2);
            }
        }
    }

    /** An outage ended this evaluation: no dead letter, no acknowledgement; the worker stops unless it was stopped. */
    private void giveUp(PendingCheckpoint event, RuntimeException e) {
        if (stopRequested || Thread.currentThread().isInterrupted()) {
            LOG.info(
                    "evaluation of {} abandoned on shutdown ({}); the record is evaluated again after a restart",
                    event,
                    e.getMessage());
            return;
        }
        stopped = e.getMessage();
        LOG.error(
                "evaluation of {} stopped: {}; the worker stops, the record stays unacknowledged and is evaluated"
                        + " again after a restart",
                event,
                e.getMessage());
    }

    /** The broker stayed away longer than the tolerance, or the worker was stopped while waiting for it. */
    static final class Outage extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Outage(String message, Throwable cause) {
            super(message, cause);
        }

        /** The unavailable-store failure in {@code t}'s cause chain (e.g. wrapped by an eval-set loader), or null. */
        static ObjectStoreUnavailableException unavailableCause(Throwable t) {
            for (Throwable c = t; c != null; c = c.getCause()) {
                if (c instanceof ObjectStoreUnavailableException u) {
                    return u;
                }
            }
            return null;
        }
    }

    private void deadLetter(PendingCheckpoint event, Reason reason, String message, Throwable cause) {
        if (stopRequested) {
            LOG.info(
                    "evaluation of {} abandoned on shutdown ({}: {}); the record is evaluated again after a restart",
                    event,
                    reason.code(),
                    message);
            return;
        }
        LOG.warn("dead-lettering {} ({}): {}", event, reason.code(), message);
        try {
            outlets.deadLetter(event, reason, message, cause);
            event.complete();
            observer.failed(event, reason, message);
        } catch (RuntimeException e) {
            LOG.error(
                    "cannot dead-letter {} ({}); the record stays unacknowledged and is redelivered after a restart",
                    event,
                    e.toString());
        }
    }
}
