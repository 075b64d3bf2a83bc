package dev.simclr.augmenter.loop;

import dev.simclr.augmenter.config.AugmenterConfig;
import dev.simclr.augmenter.config.AugmenterSetup;
import java.time.Duration;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop's periodic duties between polls: end expired backoffs, run the lag gate, check whether the epoch's group is
 * complete (at most every check interval) and log progress (every progress interval). Loop thread only.
 */
final class EpochMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(AugmenterLoop.class);

    private final AugmenterSetup s;
    private final AugmenterConfig cfg;
    private final Duration checkInterval;
    private final EpochGroups groups;
    private final ViewsLag viewsLag;
    private final PauseControl pause;
    private final LoopStatus status;
    private final AugmenterMetrics metrics;
    private final ProgressLog progress;
    private EpochStatus last;
    private long nextCheckNanos;
    private long nextProgressNanos;
    private boolean runCompleteLogged;

    EpochMonitor(
            AugmenterSetup s,
            Duration checkInterval,
            EpochGroups groups,
            ViewsLag viewsLag,
            PauseControl pause,
            LoopStatus status,
            AugmenterMetrics metrics) {
        this.s = s;
        this.cfg = s.config();
        this.checkInterval = checkInterval;
        this.groups = groups;
        this.viewsLag = viewsLag;
        this.pause = pause;
        this.status = status;
        this.metrics = metrics;
        this.progress = new ProgressLog(cfg.runId(), cfg.epochs());
    }

    /** Forgets the previous epoch's status. */
    void startEpoch() {
        last = null;
    }

    /**
     * Runs the duties that are due.
     *
     * @param idle whether the last poll returned nothing (this replica's partitions are drained)
     * @return true when the epoch's group is complete, this is not the last epoch and the replica is idle
     */
    boolean tick(Consumer<byte[], byte[]> c, int epoch, boolean idle) {
        long now = System.nanoTime();
        if (pause.expire(now)) {
            pause.apply(c);
        }
        boolean advance = false;
        if (now - nextCheckNanos >= 0) {
            nextCheckNanos = now + checkInterval.toNanos();
            try {
                gate(c);
                last = groups.status(epoch);
                status.progress(last);
                status.kafkaOk();
                advance = complete(epoch) && idle;
            } catch (KafkaException e) {
                status.lastError(e.toString());
                LOG.warn("offset check failed (will retry): {}", e.getMessage());
            }
        }
        if (last != null && now - nextProgressNanos >= 0) {
            nextProgressNanos = now + cfg.progressInterval().toNanos();
            String line = progress.line(last, now, metrics.progressCounts(), pause.paused(), status.viewsLag());
            if (line != null) {
                LOG.info(line);
            }
        }
        return advance;
    }

    private void gate(Consumer<byte[], byte[]> c) {
        if (cfg.maxViewsLag() <= 0) {
            return;
        }
        long lag = viewsLag.lag();
        status.viewsLag(lag);
        if (pause.gate(lag > cfg.maxViewsLag())) {
            LOG.info(
                    "lag gate {}: trainer group {} is {} view pairs behind (limit {})",
                    pause.gateClosed() ? "closed, pausing" : "open, resuming",
                    s.trainerGroup(),
                    lag,
                    cfg.maxViewsLag());
            pause.apply(c);
        }
    }

    /** Whether the epoch is complete and another one follows (logs once when the last one completes). */
    private boolean complete(int epoch) {
        if (!last.complete()) {
            return false;
        }
        if (epoch < cfg.epochs() - 1) {
            return true;
        }
        if (!runCompleteLogged) {
            runCompleteLogged = true;
            LOG.info(
                    "run {}: all {} epoch(s) complete ({} images); staying in group {} to process new images once",
                    cfg.runId(),
                    cfg.epochs(),
                    last.total(),
                    s.groupId(epoch));
        }
        return false;
    }
}
