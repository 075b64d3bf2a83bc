package dev.simclr.evaluator.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simclr.evaluator.loop.EvaluationQueue;
import dev.simclr.evaluator.loop.WorkerHealth;
import dev.simclr.objectstore.OutageStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;

/**
 * Which of the evaluator's own checks are liveness and which readiness, and what they say in an object-store outage:
 * readiness DOWN with the reason, liveness UP while the worker waits; past the tolerance the worker stops and liveness
 * goes DOWN.
 */
class EvaluatorHealthTest {

    private final AtomicLong nanos = new AtomicLong(System.nanoTime());
    private final OutageStatus store = new OutageStatus(nanos::get, Clock.systemUTC());
    private final AtomicBoolean alive = new AtomicBoolean(true);
    private final AtomicReference<String> stopped = new AtomicReference<>("");
    private final AtomicReference<String> problem = new AtomicReference<>("");
    private final EvaluatorHealth.Worker worker = new EvaluatorHealth.Worker();
    private final EvaluatorHealth.Storage storage = new EvaluatorHealth.Storage();

    EvaluatorHealthTest() {
        WorkerHealth health = new WorkerHealth(
                alive::get,
                stopped::get,
                new EvaluationQueue(1, Duration.ZERO, System::nanoTime, (e, r, d) -> {}),
                store,
                problem::get,
                "simclr");
        EvaluatorService service = new EvaluatorService() {
            @Override
            public WorkerHealth health() {
                return health;
            }
        };
        worker.service = service;
        storage.service = service;
    }

    @Test
    void theWorkerIsLivenessAndTheObjectStoreReadiness() {
        assertThat(EvaluatorHealth.Worker.class.isAnnotationPresent(Liveness.class))
                .isTrue();
        assertThat(EvaluatorHealth.Worker.class.isAnnotationPresent(Readiness.class))
                .isFalse();
        assertThat(EvaluatorHealth.Storage.class.isAnnotationPresent(Readiness.class))
                .isTrue();
        assertThat(EvaluatorHealth.Storage.class.isAnnotationPresent(Liveness.class))
                .isFalse();
        assertThat(worker.call().getName()).isEqualTo("evaluation-worker");
        assertThat(storage.call().getName()).isEqualTo("object-store");
        assertThat(worker.call().getStatus()).isEqualTo(Status.UP);
        assertThat(storage.call().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void anObjectStoreOutageIsNotReadyButAlive() {
        store.failed("put s3://simclr/run/step-8/encoder.onnx", "connection refused");
        nanos.addAndGet(Duration.ofSeconds(30).toNanos());
        HealthCheckResponse live = worker.call();
        assertThat(live.getStatus()).isEqualTo(Status.UP);
        assertThat(live.getData().orElseThrow()).containsEntry("waitingFor", "object store");
        HealthCheckResponse ready = storage.call();
        assertThat(ready.getStatus()).isEqualTo(Status.DOWN);
        assertThat(ready.getData().orElseThrow())
                .containsEntry("bucket", "simclr")
                .containsEntry("objectStore", "unavailable")
                .containsEntry("objectStoreUnavailableSeconds", 30L)
                .containsEntry("objectStoreOperation", "put s3://simclr/run/step-8/encoder.onnx")
                .containsEntry("objectStoreError", "connection refused");
        store.succeeded();
        assertThat(storage.call().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void anAccessProblemIsNotReadyEither() {
        problem.set("access denied: stat s3://simclr/.health-probe");
        assertThat(storage.call().getStatus()).isEqualTo(Status.DOWN);
        assertThat(storage.call().getData().orElseThrow())
                .containsEntry("error", "access denied: stat s3://simclr/.health-probe");
        assertThat(worker.call().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aWorkerThatGaveUpOrDiedIsNotAlive() {
        store.failed("put s3://simclr/run/step-8/encoder.onnx", "connection refused");
        store.gaveUp("the object store has been unavailable for 10m, longer than the tolerated 10m");
        stopped.set(store.gaveUpReason());
        HealthCheckResponse live = worker.call();
        assertThat(live.getStatus()).isEqualTo(Status.DOWN);
        assertThat(live.getData().orElseThrow())
                .containsEntry(
                        "stopped", "the object store has been unavailable for 10m, longer than the tolerated 10m");
        assertThat(storage.call().getData().orElseThrow()).containsEntry("objectStore", "gave up");
        stopped.set("");
        alive.set(false);
        assertThat(worker.call().getStatus()).isEqualTo(Status.DOWN);
    }
}
