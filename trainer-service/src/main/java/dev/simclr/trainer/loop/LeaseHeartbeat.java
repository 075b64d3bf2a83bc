package dev.simclr.trainer.loop;

import dev.simclr.objectstore.ObjectStoreOutageException;
import dev.simclr.trainer.checkpoint.LeaseHeldException;
import dev.simclr.trainer.checkpoint.RunLease;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews the run lease every TTL/3 on a daemon thread. The lease's store rides through object-store outages, so a
 * renewal may wait for the store to come back (meanwhile the lease may lapse and the training loop pauses); once
 * renewed after a lapse, training resumes. Reports a lost lease, or an outage longer than the tolerance, once.
 */
final class LeaseHeartbeat {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseHeartbeat.class);

    private final RunLease lease;
    private final Consumer<LeaseHeldException> onLost;
    private final Consumer<ObjectStoreOutageException> onOutage;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "simclr-trainer-lease");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean stopped;

    LeaseHeartbeat(RunLease lease, Consumer<LeaseHeldException> onLost, Consumer<ObjectStoreOutageException> onOutage) {
        this.lease = lease;
        this.onLost = onLost;
        this.onOutage = onOutage;
    }

    void start() {
        long period = Math.max(1000, lease.renewEvery().toMillis());
        timer.scheduleWithFixedDelay(this::renew, period, period, TimeUnit.MILLISECONDS);
    }

    private void renew() {
        var lapsed = lease.lapsedFor();
        try {
            lease.renew();
            lapsed.ifPresent(d ->
                    LOG.info("run lease renewed {} s after it had lapsed: nobody took the run over", d.toSeconds()));
        } catch (LeaseHeldException e) {
            onLost.accept(e);
            timer.shutdown();
        } catch (ObjectStoreOutageException e) {
            onOutage.accept(e);
            timer.shutdown();
        } catch (RuntimeException e) {
            if (!stopped) {
                LOG.warn("renewing the run lease failed (retrying in {}): {}", lease.renewEvery(), e.toString());
            }
        }
    }

    void stop() {
        stopped = true;
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
