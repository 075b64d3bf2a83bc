package dev.simclr.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rolling restart of the broker under load: the three packaged services run (images are augmented, pairs trained and
 * checkpointed, checkpoints evaluated) when the broker shuts down for 20 s and comes back on the same port and log
 * directory. The services go on without a restart of their own and their liveness stays UP; nothing is dead-lettered;
 * every committed pair counts in exactly one step of the lineage and no (image, epoch) has two pairs; checkpoint events
 * are announced once each and results stay one per checkpoint.
 */
class BrokerRestartIT {

    private static final Duration OUTAGE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void theServicesRideThroughABrokerRestartExactlyOnce() throws Exception {
        try (FaultRun run = FaultRun.start("broker-restart", dir)) {
            run.awaitTraining(30);
            HealthWatch health = new HealthWatch(run.stack());
            long stepBefore = run.lastCheckpoint();

            long t0 = System.nanoTime();
            run.kafka().stop();
            Thread.sleep(OUTAGE.toMillis());
            run.kafka().restart();
            long back = System.nanoTime();
            FaultRun.Recovery recovery = run.awaitRecovery(back, Instant.now());
            run.awaitCheckpoint(stepBefore + 40);

            run.assertSameProcesses();
            health.close();
            FaultRun.assertAlwaysLive(health);
            System.out.println(String.format(
                    Locale.ROOT,
                    "OUTAGE-NUMBERS broker: down %.1f s (stop + %d s + restart);"
                            + " after it was back: next checkpoint event in %.1f s, next evaluation result in %.1f s, all"
                            + " three ready in %.1f s; readiness answers other than UP: %s",
                    (back - t0) / 1e9,
                    OUTAGE.toSeconds(),
                    recovery.checkpoint(),
                    recovery.result(),
                    recovery.ready(),
                    FaultRun.notReadyCounts(health)));
            run.stopAndAssertNothingLostOrDuplicated();
        }
    }
}
