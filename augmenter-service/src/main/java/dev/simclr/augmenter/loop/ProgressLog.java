package dev.simclr.augmenter.loop;

import dev.simclr.contracts.Durations;
import java.util.Locale;

/**
 * Formats the periodic progress line: run, epoch, images done in this epoch (by the whole group) out of the topic's
 * total, rate over the last interval, ETA for the epoch, this replica's dead letters and refs of excluded splits, its
 * cache hit rate over the last interval and the pause state, e.g. {@code run r1 epoch 3 of 0..9: 12,345/60,000 images
 * (20.6%), 95.3 images/s, ETA 10m02s, dead letters 12, excluded splits 2,000, cache hits 24.8%, running}.
 */
final class ProgressLog {

    /**
     * This replica's running totals.
     *
     * @param deadLetters dead letters committed
     * @param excluded refs of an excluded split committed (skipped)
     * @param cacheHits image cache lookups that hit
     * @param cacheMisses image cache lookups that missed
     */
    record Counts(long deadLetters, long excluded, long cacheHits, long cacheMisses) {}

    private final String runId;
    private final int epochs;
    private int lastEpoch = -1;
    private long lastDone;
    private long lastNanos;
    private long lastHits;
    private long lastMisses;

    ProgressLog(String runId, int epochs) {
        this.runId = runId;
        this.epochs = epochs;
    }

    /**
     * The line for {@code status} observed at {@code nanos} (the rates are measured since the previous call), or null
     * when a complete epoch has not changed since the previous line (an idle replica stays quiet).
     */
    String line(EpochStatus status, long nanos, Counts counts, boolean paused, long viewsLag) {
        long hits = counts.cacheHits() - lastHits;
        long lookups = hits + counts.cacheMisses() - lastMisses;
        lastHits = counts.cacheHits();
        lastMisses = counts.cacheMisses();
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
        String eta = status.complete() ? "done" : rate > 0 ? Durations.compact(left / rate) : "unknown";
        double pct = status.total() == 0 ? 0 : 100.0 * status.done() / status.total();
        String cache = lookups == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * hits / lookups);
        String state = paused ? String.format(Locale.ROOT, "paused (views lag %,d)", viewsLag) : "running";
        return String.format(
                Locale.ROOT,
                "run %s epoch %d of 0..%d: %,d/%,d images (%.1f%%), %.1f images/s, ETA %s, "
                        + "dead letters %,d, excluded splits %,d, cache hits %s, %s",
                runId,
                status.epoch(),
                epochs - 1,
                status.done(),
                status.total(),
                pct,
                rate,
                eta,
                counts.deadLetters(),
                counts.excluded(),
                cache,
                state);
    }
}
