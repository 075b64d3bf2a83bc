package dev.simclr.objectstore;

import dev.simclr.contracts.Durations;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the store every few seconds whether it answers (a stat of {@code s3://<bucket>/.health-probe}) on a daemon
 * thread and records the outcome in an {@link OutageStatus}, so readiness reflects an outage even while no work touches
 * the store, and never blocks on it. A store that answers with something other than "unavailable" (access denied,
 * missing bucket) is recorded as a {@link #problem()}.
 */
public final class StoreProbe implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StoreProbe.class);

    private final ObjectStore store;
    private final S3Uri probe;
    private final OutageStatus status;
    private final ScheduledExecutorService timer;
    private volatile String problem = "";

    private StoreProbe(ObjectStore store, String bucket, OutageStatus status) {
        this.store = store.quiet();
        this.probe = new S3Uri(bucket, ".health-probe");
        this.status = status;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "object-store-probe");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts probing.
     *
     * @param store the store (probed without riding outages, retries logged at DEBUG)
     * @param bucket the bucket whose answer counts
     * @param status where outages are recorded (shared with the work that rides them)
     * @param every the probe period
     */
    public static StoreProbe start(ObjectStore store, String bucket, OutageStatus status, Duration every) {
        StoreProbe p = new StoreProbe(store, bucket, status);
        p.timer.scheduleWithFixedDelay(p::probeOnce, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return p;
    }

    /** Probes once now (the timer calls this). */
    void probeOnce() {
        try {
            store.exists(probe);
            problem = "";
            status.succeeded()
                    .ifPresent(length ->
                            LOG.info("object store available again after {} (probe)", Durations.compact(length)));
        } catch (ObjectStoreUnavailableException e) {
            problem = "";
            if (status.failed("probe " + probe, e.getMessage()).failures() == 1) {
                LOG.warn("object store unavailable ({}); readiness is DOWN until it answers", e.getMessage());
            }
        } catch (RuntimeException e) {
            problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }

    /** What the store answered if it answered but not usefully (e.g. access denied), else empty. */
    public String problem() {
        return problem;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
