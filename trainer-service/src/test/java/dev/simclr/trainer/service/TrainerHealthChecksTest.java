package dev.simclr.trainer.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simclr.objectstore.ObjectStoreOutageException;
import dev.simclr.objectstore.OutageStatus;
import dev.simclr.trainer.loop.StatusFixtures;
import dev.simclr.trainer.loop.TrainerHealth;
import dev.simclr.trainer.loop.TrainerStatus;
import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;

/**
 * Which of the trainer's checks are liveness and which readiness, and what they say in an object-store outage:
 * readiness DOWN with the reason, liveness UP; past the tolerance (trainer FAILED) liveness DOWN too.
 */
class TrainerHealthChecksTest {

    private final AtomicLong nanos = new AtomicLong(System.nanoTime());
    private final OutageStatus store = new OutageStatus(nanos::get, Clock.systemUTC());
    private final TrainerStatus status = StatusFixtures.running(42, 40);
    private final AtomicReference<Optional<Duration>> lapsed = new AtomicReference<>(Optional.empty());
    private final java.util.concurrent.atomic.AtomicBoolean connected =
            new java.util.concurrent.atomic.AtomicBoolean(true);
    private final TrainerHealthChecks checks = new TrainerHealthChecks();

    TrainerHealthChecksTest() {
        TrainerHealth health =
                new TrainerHealth(status, store, () -> true, () -> 4, () -> true, lapsed::get, connected::get);
        checks.service = new TrainerService() {
            @Override
            public TrainerHealth health() {
                return health;
            }

            @Override
            Duration livenessTimeout() {
                return Duration.ofMinutes(15);
            }
        };
    }

    private static List<String> annotated(Class<? extends java.lang.annotation.Annotation> kind) {
        return Arrays.stream(TrainerHealthChecks.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(kind))
                .map(Method::getName)
                .sorted()
                .toList();
    }

    @Test
    void livenessHasOnlyTheTrainingThreadAndReadinessTheDependencies() {
        assertThat(annotated(Liveness.class)).containsExactly("trainingThread");
        assertThat(annotated(Readiness.class)).containsExactly("input", "objectStore");
        assertThat(checks.trainingThread().call().getName()).isEqualTo("trainer-thread");
        assertThat(checks.input().call().getName()).isEqualTo("trainer-input");
        assertThat(checks.objectStore().call().getName()).isEqualTo("trainer-object-store");
    }

    @Test
    void allUpWhileTraining() {
        assertThat(checks.trainingThread().call().getStatus()).isEqualTo(Status.UP);
        assertThat(checks.input().call().getStatus()).isEqualTo(Status.UP);
        HealthCheckResponse s3 = checks.objectStore().call();
        assertThat(s3.getStatus()).isEqualTo(Status.UP);
        assertThat(s3.getData().orElseThrow()).containsEntry("objectStore", "available");
    }

    @Test
    void anObjectStoreOutageIsNotReadyButAlive() {
        store.failed("put s3://simclr/run/step-45/manifest.json", "connection refused");
        nanos.addAndGet(Duration.ofSeconds(75).toNanos());
        lapsed.set(Optional.of(Duration.ofSeconds(15)));

        HealthCheckResponse live = checks.trainingThread().call();
        assertThat(live.getStatus()).isEqualTo(Status.UP);
        assertThat(live.getData().orElseThrow())
                .containsEntry("waitingFor", "object store")
                .containsEntry("phase", "RUNNING");
        assertThat(checks.input().call().getStatus())
                .as("the input itself is fine")
                .isEqualTo(Status.UP);
        HealthCheckResponse ready = checks.objectStore().call();
        assertThat(ready.getStatus()).isEqualTo(Status.DOWN);
        assertThat(ready.getData().orElseThrow())
                .containsEntry("objectStore", "unavailable")
                .containsEntry("objectStoreUnavailableSeconds", 75L)
                .containsEntry("objectStoreOperation", "put s3://simclr/run/step-45/manifest.json")
                .containsEntry("objectStoreError", "connection refused")
                .containsEntry("leaseLapsedSeconds", 15L);

        store.succeeded();
        lapsed.set(Optional.empty());
        assertThat(checks.objectStore().call().getStatus())
                .as("ready again once the store answers")
                .isEqualTo(Status.UP);
        assertThat(checks.objectStore().call().getData().orElseThrow()).containsEntry("objectStoreOutagesRidden", 1L);
    }

    @Test
    void aBrokerThatIsAwayMakesTheInputNotReadyButNotTheProcessDead() {
        connected.set(false);
        HealthCheckResponse input = checks.input().call();
        assertThat(input.getStatus()).isEqualTo(Status.DOWN);
        assertThat(input.getData().orElseThrow()).containsEntry("brokerConnected", false);
        assertThat(checks.trainingThread().call().getStatus()).isEqualTo(Status.UP);
        assertThat(checks.objectStore().call().getStatus()).isEqualTo(Status.UP);
        connected.set(true);
        assertThat(checks.input().call().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aLongSilenceOfTheTrainingThreadIsNotCountedWhileItWaitsForTheStore() {
        TrainerHealth health = checks.service.health();
        assertThat(health.liveness(Duration.ofNanos(1)).up())
                .as("stuck: no progress, no outage")
                .isFalse();
        store.failed("put s3://simclr/run/step-45/parameters.djl", "connection refused");
        assertThat(health.liveness(Duration.ofNanos(1)).up())
                .as("waiting on a dependency")
                .isTrue();
    }

    @Test
    void pastTheToleranceTheTrainerIsFailedAndLivenessSaysSo() {
        store.failed("put s3://simclr/run/step-45/manifest.json", "connection refused");
        store.gaveUp("the object store has been unavailable for 10m, longer than the tolerated 10m");
        StatusFixtures.fail(status, new ObjectStoreOutageException(store.gaveUpReason(), null));

        HealthCheckResponse live = checks.trainingThread().call();
        assertThat(live.getStatus()).isEqualTo(Status.DOWN);
        assertThat(live.getData().orElseThrow())
                .containsEntry("phase", "FAILED")
                .containsEntry(
                        "lastError",
                        "ObjectStoreOutageException: the object store has been unavailable for 10m, longer than the tolerated 10m");
        HealthCheckResponse ready = checks.objectStore().call();
        assertThat(ready.getStatus()).isEqualTo(Status.DOWN);
        assertThat(ready.getData().orElseThrow()).containsEntry("objectStore", "gave up");
    }
}
