package dev.simclr.augmenter.loop;

import java.util.Locale;

/**
 * Formats the periodic progress line: run, epoch, images done in this epoch (by the whole group) out of the
 * topic's total, rate over the last interval, ETA for the epoch, dead letters and pause state, e.g.
 * {@code run r1 epoch 3 of 0..9: 12,345/60,000 images (20.6%), 95.3 images/s, ETA 10m02s, dead letters 12, running}.
 */
final class ProgressLog {

    private final String runId;
    private final int epochs;
    private int lastEpoch = -1;
    private long lastDone;
    private long lastNanos;

    ProgressLog(String runId, int epochs) {
        this.runId = runId;
        this.epochs = epochs;
    }

    /**
     * The line for {@code status} observed at {@code nanos} (the rate is measured since the previous call), or
     * null when a complete epoch has not changed since the previous line (an idle replica stays quiet).
     */
    String line(EpochStatus status, long nanos, long deadLetters, boolean paused, long viewsLag) {
        if (status.complete() && status.epoch() == lastEpoch && status.done() == lastDone) {
            lastNanos = nanos;
            return null;
        }
        double rate = 0;
        if (status.epoch() == lastEpoch && nanos > lastNanos) {
            rate = Math.max(0, status.done() - lastDone) * 1e9 / (nanos - lastNanos);
        }
        lastEpoch = status.epoch();
        lastDone = status.done();
        lastNanos = nanos;
        long left = Math.max(0, status.total() - status.done());
        String eta = status.complete() ? "done" : rate > 0 ? duration(Math.round(left / rate)) : "unknown";
        double pct = status.total() == 0 ? 0 : 100.0 * status.done() / status.total();
        String state = paused ? String.format(Locale.ROOT, "paused (views lag %,d)", viewsLag) : "running";
        return String.format(Locale.ROOT, "run %s epoch %d of 0..%d: %,d/%,d images (%.1f%%), %.1f images/s, ETA %s, dead letters %,d, %s",
                runId, status.epoch(), epochs - 1, status.done(), status.total(), pct, rate, eta, deadLetters, state);
    }

    /** {@code 42s}, {@code 10m02s}, {@code 3h05m}. */
    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, (seconds % 3600) / 60);
    }
}
