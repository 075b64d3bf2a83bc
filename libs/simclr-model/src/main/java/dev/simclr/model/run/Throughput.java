package dev.simclr.model.run;

import java.util.ArrayDeque;

/**
 * Views per second over a sliding time window, and an ETA for a number of remaining steps. Not thread-safe: fed and
 * read by the training thread (or read under the caller's lock).
 */
public final class Throughput {

    private record Sample(long nanos, long step, long views) {}

    private final long windowNanos;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();

    /**
     * Creates a meter.
     *
     * @param windowSeconds how far back the rate looks, &gt; 0
     */
    public Throughput(double windowSeconds) {
        if (!(windowSeconds > 0)) {
            throw new IllegalArgumentException("window must be > 0 s, got " + windowSeconds);
        }
        this.windowNanos = (long) (windowSeconds * 1e9);
    }

    /**
     * Records the totals after a step.
     *
     * @param nanos {@link System#nanoTime()} now
     * @param step completed steps so far
     * @param views views (2 per pair) trained so far
     */
    public void record(long nanos, long step, long views) {
        samples.addLast(new Sample(nanos, step, views));
        while (samples.size() > 2 && nanos - samples.peekFirst().nanos > windowNanos) {
            samples.removeFirst();
        }
    }

    /** Returns views per second over the window (0 until two samples exist). */
    public double viewsPerSecond() {
        if (samples.size() < 2) {
            return 0;
        }
        Sample a = samples.peekFirst();
        Sample b = samples.peekLast();
        return b.nanos == a.nanos ? 0 : (b.views - a.views) * 1e9 / (b.nanos - a.nanos);
    }

    /** Returns seconds per step over the window (NaN until two samples exist). */
    public double secondsPerStep() {
        if (samples.size() < 2) {
            return Double.NaN;
        }
        Sample a = samples.peekFirst();
        Sample b = samples.peekLast();
        return b.step == a.step ? Double.NaN : (b.nanos - a.nanos) / 1e9 / (b.step - a.step);
    }

    /**
     * Returns the estimated seconds until {@code remainingSteps} more steps are done.
     *
     * @param remainingSteps steps still to run
     * @return seconds, or NaN when unknown
     */
    public double etaSeconds(long remainingSteps) {
        return remainingSteps <= 0 ? 0 : secondsPerStep() * remainingSteps;
    }
}
