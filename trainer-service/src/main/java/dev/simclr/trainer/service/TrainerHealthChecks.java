package dev.simclr.trainer.service;

import dev.simclr.trainer.loop.TrainerRuntime;
import dev.simclr.trainer.loop.TrainerStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Liveness: the training thread is alive, not failed, and reported progress (a step, a checkpoint or
 * normal waiting) within {@code liveness-timeout}. Readiness: the consumer is assigned and the model
 * is ready.
 */
@ApplicationScoped
public class TrainerHealthChecks {

    @Inject
    TrainerService service;

    @Liveness
    HealthCheck trainingThread() {
        return () -> {
            TrainerRuntime rt = service.runtime();
            boolean alive = rt != null && rt.status().phase() != TrainerStatus.Phase.FAILED
                    && (rt.trainingThreadAlive() || rt.status().phase() == TrainerStatus.Phase.STOPPED)
                    && rt.status().nanosSinceBeat() < service.livenessTimeoutNanos();
            return details(HealthCheckResponse.named("trainer-thread").status(alive), rt).build();
        };
    }

    @Readiness
    HealthCheck consumerAndModel() {
        return () -> {
            TrainerRuntime rt = service.runtime();
            boolean ready = rt != null && rt.status().consumerAssigned() && rt.status().modelReady()
                    && rt.status().phase() != TrainerStatus.Phase.FAILED;
            return details(HealthCheckResponse.named("trainer-input").status(ready), rt).build();
        };
    }

    private static HealthCheckResponseBuilder details(HealthCheckResponseBuilder b, TrainerRuntime rt) {
        if (rt == null) {
            return b.withData("phase", "not started");
        }
        TrainerStatus s = rt.status();
        b.withData("phase", s.phase().name()).withData("step", s.step())
                .withData("lastCheckpointStep", s.lastCheckpointStep()).withData("queueDepth", rt.queueDepth())
                .withData("paused", rt.metrics().isPaused())
                .withData("secondsSinceProgress", s.nanosSinceBeat() / 1_000_000_000L);
        if (!s.lastError().isEmpty()) {
            b.withData("lastError", s.lastError());
        }
        return b;
    }
}
