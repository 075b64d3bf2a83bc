package dev.simclr.evaluator.service;

import dev.simclr.evaluator.loop.WorkerHealth;
import dev.simclr.health.HealthResponses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Adapts {@link WorkerHealth} next to the Kafka connector's own checks: liveness ({@code /q/health/live}) = the
 * evaluation worker is not dead or given up; readiness ({@code /q/health/ready}) = the object store answers.
 */
public final class EvaluatorHealth {

    private EvaluatorHealth() {}

    /** Live while the evaluation worker thread runs and has not given up; reports the queue. */
    @Liveness
    @ApplicationScoped
    public static class Worker implements HealthCheck {

        @Inject
        EvaluatorService service;

        @Override
        public HealthCheckResponse call() {
            return HealthResponses.of(service.health().liveness());
        }
    }

    /** Ready while the object store answers (no outage, no access problem). */
    @Readiness
    @ApplicationScoped
    public static class Storage implements HealthCheck {

        @Inject
        EvaluatorService service;

        @Override
        public HealthCheckResponse call() {
            return HealthResponses.of(service.health().objectStore());
        }
    }
}
