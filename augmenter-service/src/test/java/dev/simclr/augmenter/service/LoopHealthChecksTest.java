package dev.simclr.augmenter.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simclr.augmenter.loop.LoopStatus;
import dev.simclr.augmenter.loop.LoopStatusFixtures;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;

/**
 * Which of the augmenter's checks are liveness and which readiness, and what they say while the object store is
 * unavailable: the object-store readiness check DOWN with the reason, the Kafka one and liveness UP.
 */
class LoopHealthChecksTest {

    private final LoopStatus status = LoopStatusFixtures.running(3);
    private final LoopHealthChecks checks = new LoopHealthChecks();

    LoopHealthChecksTest() {
        checks.service = new AugmenterService() {
            @Override
            public LoopStatus status() {
                return status;
            }

            @Override
            public boolean loopAlive() {
                return true;
            }

            @Override
            long livenessTimeoutNanos() {
                return Duration.ofMinutes(5).toNanos();
            }
        };
    }

    private static List<String> annotated(Class<? extends java.lang.annotation.Annotation> kind) {
        return Arrays.stream(LoopHealthChecks.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(kind))
                .map(Method::getName)
                .sorted()
                .toList();
    }

    @Test
    void livenessIsTheLoopAndReadinessKafkaAndTheObjectStore() {
        assertThat(annotated(Liveness.class)).containsExactly("loopAlive");
        assertThat(annotated(Readiness.class)).containsExactly("loopReady", "objectStore");
        assertThat(checks.loopAlive().call().getName()).isEqualTo("augmenter-loop");
        assertThat(checks.loopReady().call().getName()).isEqualTo("augmenter-kafka");
        assertThat(checks.objectStore().call().getName()).isEqualTo("augmenter-object-store");
        assertThat(List.of(
                        checks.loopAlive().call(),
                        checks.loopReady().call(),
                        checks.objectStore().call()))
                .extracting(HealthCheckResponse::getStatus)
                .containsOnly(Status.UP);
    }

    @Test
    void anObjectStoreOutageIsNotReadyButAlive() {
        LoopStatusFixtures.storeUnavailable(
                status,
                "get s3://data/img.png at http://s3 failed after 4 attempts:"
                        + " ConnectException: connection refused");
        assertThat(checks.loopAlive().call().getStatus()).isEqualTo(Status.UP);
        assertThat(checks.loopReady().call().getStatus()).as("Kafka is fine").isEqualTo(Status.UP);
        HealthCheckResponse store = checks.objectStore().call();
        assertThat(store.getStatus()).isEqualTo(Status.DOWN);
        assertThat(store.getData().orElseThrow())
                .containsEntry("objectStore", "unavailable")
                .containsEntry(
                        "objectStoreError",
                        "get s3://data/img.png at http://s3 failed after 4 attempts:"
                                + " ConnectException: connection refused");
        LoopStatusFixtures.storeAvailable(status);
        assertThat(checks.objectStore().call().getStatus()).isEqualTo(Status.UP);
    }
}
