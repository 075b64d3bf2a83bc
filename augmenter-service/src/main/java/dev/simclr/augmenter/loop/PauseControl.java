package dev.simclr.augmenter.loop;

import java.time.Duration;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * Why the assigned partitions are paused: the lag gate (trainer too far behind) and/or a retry backoff (aborted
 * transaction, unavailable store). The consumer keeps polling while paused, so it stays in its group. Backoff doubles
 * from the minimum to the maximum and resets after a clean batch. Loop thread only.
 */
final class PauseControl {

    private final Duration minBackoff;
    private final Duration maxBackoff;
    private final LoopStatus status;
    private boolean gateClosed;
    private Duration backoff;
    private long backoffUntilNanos;

    PauseControl(Duration minBackoff, Duration maxBackoff, LoopStatus status) {
        this.minBackoff = minBackoff;
        this.maxBackoff = maxBackoff;
        this.status = status;
    }

    /** Whether the partitions should be paused now. */
    boolean paused() {
        return gateClosed || backoffUntilNanos != 0;
    }

    /** Sets the lag gate; returns true if that changed it. */
    boolean gate(boolean closed) {
        boolean changed = closed != gateClosed;
        gateClosed = closed;
        return changed;
    }

    /** Whether the lag gate is closed. */
    boolean gateClosed() {
        return gateClosed;
    }

    /** Starts (or lengthens) a backoff; returns its length. */
    Duration startBackoff() {
        backoff = backoff == null ? minBackoff : min(backoff.multipliedBy(2), maxBackoff);
        backoffUntilNanos = System.nanoTime() + backoff.toNanos();
        if (backoffUntilNanos == 0) {
            backoffUntilNanos = 1;
        }
        return backoff;
    }

    /** Forgets the backoff length after a clean batch. */
    void resetBackoff() {
        backoff = null;
    }

    /** Ends an expired backoff; returns true if one ended. */
    boolean expire(long nowNanos) {
        if (backoffUntilNanos != 0 && nowNanos - backoffUntilNanos >= 0) {
            backoffUntilNanos = 0;
            return true;
        }
        return false;
    }

    /** The delay before a retry of a failed start, growing like the backoff. */
    Duration nextRetryDelay() {
        backoff = backoff == null ? minBackoff : min(backoff.multipliedBy(2), maxBackoff);
        return backoff;
    }

    /** Pauses or resumes every assigned partition of {@code consumer} to match {@link #paused()}. */
    void apply(Consumer<?, ?> consumer) {
        boolean p = paused();
        if (consumer != null) {
            if (p) {
                consumer.pause(consumer.assignment());
            } else if (!consumer.paused().isEmpty()) {
                consumer.resume(consumer.paused());
            }
        }
        status.paused(p);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
