package dev.simclr.trainer.service;

import dev.simclr.health.HealthResponses;
import dev.simclr.trainer.loop.TrainerHealth;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Adapts {@link TrainerHealth}: liveness ({@code /q/health/live}) = the training thread is not stuck or broken;
 * readiness ({@code /q/health/ready}) = the input is assigned and the object store and the run lease are available. An
 * outage of the object store shows in readiness only (until the tolerance is exceeded).
 */
@ApplicationScoped
public class TrainerHealthChecks {

    @Inject
    TrainerService service;

    /** Liveness: the training thread. */
    @Liveness
    public HealthCheck trainingThread() {
        return () -> {
            TrainerHealth h = service.health();
            return h == null
                    ? HealthResponses.notStarted(TrainerHealth.LIVENESS)
                    : HealthResponses.of(h.liveness(service.livenessTimeout()));
        };
    }

    /** Readiness: consumer assigned and model ready. */
    @Readiness
    public HealthCheck input() {
        return () -> {
            TrainerHealth h = service.health();
            return h == null ? HealthResponses.notStarted(TrainerHealth.INPUT) : HealthResponses.of(h.input());
        };
    }

    /** Readiness: the object store answers and the run lease is held. */
    @Readiness
    public HealthCheck objectStore() {
        return () -> {
            TrainerHealth h = service.health();
            return h == null ? HealthResponses.notStarted(TrainerHealth.STORE) : HealthResponses.of(h.objectStore());
        };
    }
}
