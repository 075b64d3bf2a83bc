package dev.simclr.evaluator.loop;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Decides which checkpoint events get evaluated, for one evaluation worker.
 *
 * <p>Each run has at most one <em>pending slot</em>. A new event for a run replaces the event in its slot, which is
 * then skipped as superseded: when the worker falls behind, only the newest checkpoint of each run waits, and the
 * newest is never dropped. Events older than the newest step already seen for the run are skipped on arrival; an event
 * equal to the pending or in-progress one is a duplicate. With {@code everyNth > 1}, an event whose step is not a
 * multiple of it is held back ("deferred") for {@code tailGrace}: a newer event replaces it (skipped as every-nth),
 * otherwise it is evaluated after the grace period, because it may be the run's last checkpoint. Runs are served in the
 * order their slots were filled.
 *
 * <p>Thread-safe: the consumer calls {@link #offer}, the single worker {@link #take} and {@link #done}. Skipped events
 * are completed (acknowledged) here and reported to the listener.
 */
public final class EvaluationQueue {

    /** Why an event was not evaluated (stable lower-case codes, used as metric tags). */
    public enum SkipReason {
        /** A newer checkpoint of the same run arrived first. */
        SUPERSEDED("superseded"),
        /** The same (run, step) is already pending or being evaluated. */
        DUPLICATE("duplicate"),
        /** Not a multiple of every-nth, and a newer checkpoint arrived within the grace period. */
        EVERY_NTH("every-nth"),
        /** A result for the (run, step) is already stored. */
        ALREADY_EVALUATED("already-evaluated");

        private final String code;

        SkipReason(String code) {
            this.code = code;
        }

        /** The metric tag value. */
        public String code() {
            return code;
        }
    }

    /** Receives every skip decision (after the event was completed). */
    @FunctionalInterface
    public interface Listener {
        /** An event was skipped. */
        void skipped(PendingCheckpoint event, SkipReason reason, String detail);
    }

    private record Slot(PendingCheckpoint event, boolean deferred, long eligibleAtNanos) {}

    private final long everyNth;
    private final long graceNanos;
    private final LongSupplier clock;
    private final Listener listener;
    private final Map<String, Slot> slots = new LinkedHashMap<>();
    private final Map<String, Long> newestSeen = new LinkedHashMap<>();
    private PendingCheckpoint inProgress;

    /**
     * A queue.
     *
     * @param everyNth evaluate steps that are multiples of this (1 = every checkpoint)
     * @param tailGrace how long a deferred (non-multiple) checkpoint waits for a newer one
     * @param clock nanosecond clock ({@code System::nanoTime}; tests pass a fake)
     * @param listener skip notifications
     */
    public EvaluationQueue(long everyNth, Duration tailGrace, LongSupplier clock, Listener listener) {
        if (everyNth < 1) {
            throw new IllegalArgumentException("every-nth must be >= 1, got " + everyNth);
        }
        if (tailGrace.isNegative()) {
            throw new IllegalArgumentException("tail grace must be >= 0, got " + tailGrace);
        }
        this.everyNth = everyNth;
        this.graceNanos = tailGrace.toNanos();
        this.clock = clock;
        this.listener = listener;
    }

    /** Adds an event; it may replace (skip) the run's pending one, or be skipped itself. */
    public void offer(PendingCheckpoint event) {
        String skipReasonDetail = null;
        SkipReason skipReason = null;
        PendingCheckpoint skipped = null;
        synchronized (this) {
            String run = event.runId();
            long step = event.step();
            Slot slot = slots.get(run);
            Long newest = newestSeen.get(run);
            if (inProgress != null && inProgress.runId().equals(run) && inProgress.step() == step) {
                skipped = event;
                skipReason = SkipReason.DUPLICATE;
                skipReasonDetail = "step " + step + " is being evaluated";
            } else if (slot != null && slot.event().step() == step) {
                skipped = event;
                skipReason = SkipReason.DUPLICATE;
                skipReasonDetail = "step " + step + " is already pending";
            } else if (newest != null && step < newest) {
                skipped = event;
                skipReason = SkipReason.SUPERSEDED;
                skipReasonDetail = "step " + step + " is older than step " + newest + " already seen for the run";
            } else {
                newestSeen.put(run, step);
                if (slot != null) {
                    slots.remove(run);
                    skipped = slot.event();
                    skipReason = slot.deferred() ? SkipReason.EVERY_NTH : SkipReason.SUPERSEDED;
                    skipReasonDetail = "superseded by step " + step + " while waiting";
                }
                boolean deferred = step % everyNth != 0;
                long now = clock.getAsLong();
                slots.put(run, new Slot(event, deferred, deferred ? now + graceNanos : now));
                notifyAll();
            }
        }
        if (skipped != null) {
            skipped.complete();
            listener.skipped(skipped, skipReason, skipReasonDetail);
        }
    }

    /**
     * Waits for the next event to evaluate: the first-filled slot that is due. It becomes the in-progress event until
     * {@link #done}.
     *
     * @throws InterruptedException when the worker is stopped
     */
    public synchronized PendingCheckpoint take() throws InterruptedException {
        while (true) {
            long now = clock.getAsLong();
            long nextDue = Long.MAX_VALUE;
            for (Iterator<Map.Entry<String, Slot>> it = slots.entrySet().iterator(); it.hasNext(); ) {
                Slot s = it.next().getValue();
                if (s.eligibleAtNanos() - now <= 0) {
                    it.remove();
                    inProgress = s.event();
                    return s.event();
                }
                nextDue = Math.min(nextDue, s.eligibleAtNanos() - now);
            }
            if (nextDue == Long.MAX_VALUE) {
                wait();
            } else {
                long ms = Math.max(1, nextDue / 1_000_000);
                wait(ms);
            }
        }
    }

    /**
     * The next due event without waiting (for tests and single-threaded use).
     *
     * @return the event, now in progress, or empty when nothing is due
     */
    public synchronized Optional<PendingCheckpoint> poll() {
        long now = clock.getAsLong();
        for (Iterator<Map.Entry<String, Slot>> it = slots.entrySet().iterator(); it.hasNext(); ) {
            Slot s = it.next().getValue();
            if (s.eligibleAtNanos() - now <= 0) {
                it.remove();
                inProgress = s.event();
                return Optional.of(s.event());
            }
        }
        return Optional.empty();
    }

    /** Marks the in-progress event finished (evaluated or failed). */
    public synchronized void done(PendingCheckpoint event) {
        if (inProgress == event) {
            inProgress = null;
        }
    }

    /** Events waiting in slots. */
    public synchronized int pending() {
        return slots.size();
    }

    /** The event being evaluated, if any. */
    public synchronized Optional<PendingCheckpoint> inProgress() {
        return Optional.ofNullable(inProgress);
    }

    /** Runs seen since start, in first-seen order. */
    public synchronized List<String> runs() {
        return List.copyOf(newestSeen.keySet());
    }
}
