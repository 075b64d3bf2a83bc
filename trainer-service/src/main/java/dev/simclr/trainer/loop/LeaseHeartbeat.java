package dev.simclr.trainer.loop;

import dev.simclr.trainer.checkpoint.LeaseHeldException;
import dev.simclr.trainer.checkpoint.RunLease;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Renews the run lease every TTL/3 on a daemon thread; reports a lost lease once. */
final class LeaseHeartbeat {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseHeartbeat.class);

    private final RunLease lease;
    private final Consumer<LeaseHeldException> onLost;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "simclr-trainer-lease");
        t.setDaemon(true);
        return t;
    });

    LeaseHeartbeat(RunLease lease, Consumer<LeaseHeldException> onLost) {
        this.lease = lease;
        this.onLost = onLost;
    }

    void start() {
        long period = Math.max(1000, lease.renewEvery().toMillis());
        timer.scheduleWithFixedDelay(this::renew, period, period, TimeUnit.MILLISECONDS);
    }

    private void renew() {
        try {
            lease.renew();
        } catch (LeaseHeldException e) {
            onLost.accept(e);
            timer.shutdown();
        } catch (RuntimeException e) {
            LOG.warn("renewing the run lease failed (retrying in {}): {}", lease.renewEvery(), e.toString());
        }
    }

    void stop() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
