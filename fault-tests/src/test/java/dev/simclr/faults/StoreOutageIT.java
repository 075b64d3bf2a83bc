package dev.simclr.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The object store dies (SIGKILL of s3proxy) for 30 s under load — longer than a checkpoint interval and the trainer's
 * 10 s lease TTL — and comes back on the same port and data: the trainer pauses and resumes in the same process, the
 * evaluator rides it out; readiness of both is DOWN during the outage and UP afterwards, liveness of all three stays
 * UP; nothing is dead-lettered, lost or counted twice, results stay one per checkpoint.
 */
class StoreOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void theServicesRideThroughAnObjectStoreOutageExactlyOnce() throws Exception {
        try (FaultRun run = FaultRun.start("store-outage", dir)) {
            run.awaitTraining(30);
            HealthWatch health = new HealthWatch(run.stack());
            long stepBefore = run.lastCheckpoint();

            long t0 = System.nanoTime();
            run.s3().kill();
            Thread.sleep(OUTAGE.toMillis());
            long during = System.nanoTime();
            run.s3().restart();
            long back = System.nanoTime();
            FaultRun.Recovery recovery = run.awaitRecovery(back, Instant.now());
            run.awaitCheckpoint(stepBefore + 40);

            run.assertSameProcesses();
            health.close();
            FaultRun.assertAlwaysLive(health);
            for (String service : List.of("trainer", "evaluator")) {
                List<HealthWatch.Sample> inOutage = health.of(service).stream()
                        .filter(s -> s.nanos() > t0 + 15_000_000_000L && s.nanos() < during)
                        .toList();
                assertThat(inOutage)
                        .as(service + " readiness during the outage")
                        .isNotEmpty()
                        .allSatisfy(s -> assertThat(s.ready()).isEqualTo(503))
                        .allSatisfy(s -> assertThat(s.readyBody()).contains("\"objectStore\": \"unavailable\""));
            }
            System.out.println(String.format(
                    Locale.ROOT,
                    "OUTAGE-NUMBERS object store (all services): down %.1f s"
                            + " (kill + %d s + restart); after it was back: next checkpoint event in %.1f s, next evaluation"
                            + " result in %.1f s, all three ready in %.1f s; readiness answers other than UP: %s",
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
