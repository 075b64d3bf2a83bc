package dev.simclr.trainer.loop;

import dev.simclr.contracts.Durations;
import dev.simclr.model.run.Throughput;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One INFO line about every {@code progress-interval}: step, loss, lr, views/s, samples, queue, ETA. */
final class ProgressLog {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressLog.class);

    private final String runId;
    private final long intervalNanos;
    private final long maxSteps;
    private long totalSteps;
    private long targetSteps;
    private final int queueCapacity;
    private long lastNanos = System.nanoTime();

    ProgressLog(String runId, long intervalNanos, long totalSteps, long maxSteps, int queueCapacity) {
        this.runId = runId;
        this.intervalNanos = intervalNanos;
        this.maxSteps = maxSteps;
        this.queueCapacity = queueCapacity;
        retarget(totalSteps);
    }

    /** Sets a new schedule length (a time budget derived one). */
    void retarget(long scheduleSteps) {
        this.totalSteps = scheduleSteps;
        this.targetSteps = maxSteps > 0 ? Math.min(maxSteps, scheduleSteps) : scheduleSteps;
    }

    /** Returns the schedule length. */
    long totalSteps() {
        return totalSteps;
    }

    /** Returns where training stops: max-steps or the schedule's end, whichever comes first. */
    long targetSteps() {
        return targetSteps;
    }

    /** Logs if the interval has passed (or {@code force}). */
    void maybeLog(
            boolean force,
            long step,
            double loss,
            double lr,
            Throughput meter,
            long samples,
            int queueDepth,
            boolean paused,
            long nanosSinceStep) {
        long now = System.nanoTime();
        if (!force && now - lastNanos < intervalNanos) {
            return;
        }
        lastNanos = now;
        double idle = nanosSinceStep > intervalNanos ? nanosSinceStep / 1e9 : 0;
        LOG.info(line(
                step,
                loss,
                lr,
                meter.viewsPerSecond(),
                samples,
                queueDepth,
                paused,
                meter.etaSeconds(targetSteps - step),
                idle));
    }

    String line(
            long step,
            double loss,
            double lr,
            double viewsPerSecond,
            long samples,
            int queueDepth,
            boolean paused,
            double etaSeconds,
            double idleSeconds) {
        String rate = idleSeconds > 0
                ? "waiting for view pairs for " + Durations.compact(idleSeconds)
                : String.format(Locale.ROOT, "%.1f views/s", viewsPerSecond);
        String eta = step >= targetSteps ? "done" : idleSeconds > 0 ? "?" : Durations.compact(etaSeconds);
        return String.format(
                Locale.ROOT,
                "run %s step %d/%d (%.1f%%): loss %.4f, lr %.5f, %s, samples seen %d," + " queue %d/%d%s, ETA %s",
                runId,
                step,
                targetSteps,
                100.0 * step / targetSteps,
                loss,
                lr,
                rate,
                samples,
                queueDepth,
                queueCapacity,
                paused ? " (input paused)" : "",
                eta);
    }
}
