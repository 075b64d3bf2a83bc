package dev.simclr.trainer.progress;

/**
 * When the next progress record is due: every {@code every} steps, or when at least one step was taken and
 * {@code maxIntervalNanos} have passed since the last record (slow steps still show up about that often). Nothing is
 * due while no step is taken. Not thread-safe (training thread).
 */
public final class ProgressCadence {

    private final long every;
    private final long maxIntervalNanos;
    private long lastStep;
    private long lastNanos;

    /**
     * Creates a cadence.
     *
     * @param every steps between records, {@code >= 1}
     * @param maxIntervalNanos longest wait for a record while steps are taken, {@code > 0}
     * @param startStep the step training starts from (a resumed run's checkpoint step)
     * @param startNanos {@link System#nanoTime()} at start
     */
    public ProgressCadence(long every, long maxIntervalNanos, long startStep, long startNanos) {
        if (every < 1 || maxIntervalNanos <= 0) {
            throw new IllegalArgumentException("progress cadence: need every >= 1 and an interval > 0, got " + every
                    + ", " + maxIntervalNanos + " ns");
        }
        this.every = every;
        this.maxIntervalNanos = maxIntervalNanos;
        this.lastStep = startStep;
        this.lastNanos = startNanos;
    }

    /** Returns whether a record is due at {@code step} (steps taken) and time {@code nowNanos}. */
    public boolean due(long step, long nowNanos) {
        long steps = step - lastStep;
        return steps >= every || (steps >= 1 && nowNanos - lastNanos >= maxIntervalNanos);
    }

    /** Returns whether any step was taken since the last record. */
    public boolean pending(long step) {
        return step != lastStep;
    }

    /** Records that a record for {@code step} was handed over at {@code nowNanos}. */
    public void published(long step, long nowNanos) {
        lastStep = step;
        lastNanos = nowNanos;
    }
}
