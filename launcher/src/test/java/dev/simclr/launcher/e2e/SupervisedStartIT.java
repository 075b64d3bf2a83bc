package dev.simclr.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code simclr up} as a separate JVM with the packaged services: a trainer that refuses its configuration ends the
 * start at once with its reason and exit code 1, and SIGTERM while the services are still starting stops everything
 * within the grace period. Tiny model, no images.
 */
class SupervisedStartIT {

    /** Longer than the services' stop (they are starting: a couple of seconds), far shorter than a hang. */
    private static final Duration STOP_WITHIN = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    private final Path repo = Path.of(System.getProperty("simclr.repo.root", ".."))
            .toAbsolutePath()
            .normalize();

    private String[] up(Path data, String width) {
        return new String[] {
            "up",
            "--data-dir",
            data.toString(),
            "--width",
            width,
            "--batch",
            "8",
            "--checkpoint-every",
            "5",
            "--eval-set",
            repo.resolve("datasets/fashion-mnist-subset").toString()
        };
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void aTrainerThatRefusesItsConfigurationEndsTheStartWithItsReason() throws Exception {
        Path data = tmp.resolve("data");
        // A run trained (its step-0 checkpoint) with width 0.125 ...
        try (LauncherProcess first = LauncherProcess.start(repo, tmp.resolve("first.out"), up(data, "0.125"))) {
            Path manifest = data.resolve("s3/buckets/simclr/run/step-0/manifest.json");
            Awaitility.await()
                    .atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> Files.exists(manifest) || first.awaitExit(Duration.ZERO) != null);
            assertThat(manifest).as(first.output()).exists();
            first.sigterm();
            assertThat(first.awaitExit(STOP_WITHIN)).as(first.output()).isZero();
        }
        // ... then started with width 0.25: the trainer refuses to resume it.
        try (LauncherProcess second = LauncherProcess.start(repo, tmp.resolve("second.out"), up(data, "0.25"))) {
            assertThat(second.awaitLine("^\\[\\d+:\\d+] starting augmenter", Duration.ofMinutes(2)))
                    .as(second.output())
                    .isTrue();
            long t0 = System.nanoTime();
            Integer code = second.awaitExit(Duration.ofMinutes(2));
            Duration failedAfter = Duration.ofNanos(System.nanoTime() - t0);
            String out = second.output();
            System.out.println(out);
            System.out.println("exit " + code + " " + failedAfter.toMillis() + " ms after the services were started");
            assertThat(code).as(out).isEqualTo(1);
            assertThat(out)
                    .containsPattern(
                            "trainer failed while starting \\(pid \\d+\\): liveness DOWN for \\d+s: trainer-thread"
                                    + " DOWN: lastError=IllegalStateException: run run: checkpoint step 0 was trained with model \\{[^}]*width=0.125");
            assertThat(out).contains("last lines of " + data.resolve("logs/trainer.log") + ":");
            assertThat(out)
                    .containsPattern(
                            "(?m)^simclr: error: trainer failed while starting: liveness DOWN .*was trained with"
                                    + " model");
            assertThat(out).doesNotContain("ready: push images").doesNotContain("restarting trainer");
            assertThat(data.resolve("stack.json")).doesNotExist();
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(LauncherProcess.processesUsing(data))
                        .as("processes left behind")
                        .isEmpty());
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void sigtermWhileTheServicesAreStartingStopsEverythingWithinTheGrace() throws Exception {
        Path data = tmp.resolve("data");
        try (LauncherProcess launcher = LauncherProcess.start(repo, tmp.resolve("up.out"), up(data, "0.125"))) {
            assertThat(launcher.awaitLine("^\\[\\d+:\\d+] starting augmenter", Duration.ofMinutes(2)))
                    .as(launcher.output())
                    .isTrue();
            assertThat(launcher.output()).doesNotContain(" ready (");
            long t0 = System.nanoTime();
            launcher.sigterm();
            Integer code = launcher.awaitExit(STOP_WITHIN);
            Duration stopped = Duration.ofNanos(System.nanoTime() - t0);
            String out = launcher.output();
            System.out.println(out);
            System.out.println("exit " + code + " " + stopped.toMillis() + " ms after SIGTERM");
            assertThat(code).as("a clean stop on request\n" + out).isZero();
            assertThat(out)
                    .contains("stopping: services first")
                    .contains("augmenter stopped (")
                    .contains("trainer stopped (")
                    .contains("evaluator stopped (")
                    .contains("Kafka and S3 stopped (");
            assertThat(out).doesNotContain("simclr: error");
            assertThat(out)
                    .as("the stop did not wait for the services' readiness")
                    .doesNotContain(" ready (");
            assertThat(data.resolve("stack.json")).doesNotExist();
            assertThat(data.resolve("supervision.json")).doesNotExist();
        }
        assertThat(LauncherProcess.processesUsing(data))
                .as("processes left behind")
                .isEmpty();
    }
}
