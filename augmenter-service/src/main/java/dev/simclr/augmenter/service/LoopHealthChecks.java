package dev.simclr.augmenter.service;

import dev.simclr.augmenter.loop.LoopStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Health of the augmenter loop. Liveness ({@code /q/health/live}): the loop thread is alive and not stuck (it keeps
 * polling, paused or not, through broker and object-store outages). Readiness ({@code /q/health/ready}): running and
 * talking to Kafka ({@code augmenter-kafka}), and the object store answers ({@code augmenter-object-store}: DOWN while
 * records are deferred because it is unavailable).
 */
@ApplicationScoped
public class LoopHealthChecks {

    /** Readiness fails when no broker exchange succeeded for this long. */
    static final Duration KAFKA_STALE = Duration.ofSeconds(30);

    @Inject
    AugmenterService service;

    @Liveness
    HealthCheck loopAlive() {
        return () -> {
            LoopStatus st = service.status();
            boolean alive = service.loopAlive() && st != null && st.nanosSinceBeat() < service.livenessTimeoutNanos();
            return details(HealthCheckResponse.named("augmenter-loop").status(alive), st)
                    .build();
        };
    }

    @Readiness
    HealthCheck loopReady() {
        return () -> {
            LoopStatus st = service.status();
            boolean ready = service.loopAlive()
                    && st != null
                    && st.phase() == LoopStatus.Phase.RUNNING
                    && st.nanosSinceKafkaOk() < KAFKA_STALE.toNanos();
            return details(HealthCheckResponse.named("augmenter-kafka").status(ready), st)
                    .build();
        };
    }

    @Readiness
    HealthCheck objectStore() {
        return () -> {
            LoopStatus st = service.status();
            boolean ready = st != null && st.storeUnavailable().isEmpty();
            HealthCheckResponseBuilder b =
                    HealthCheckResponse.named("augmenter-object-store").status(ready);
            if (st != null && !st.storeUnavailable().isEmpty()) {
                b.withData("objectStore", "unavailable")
                        .withData("objectStoreUnavailableSeconds", st.nanosStoreUnavailable() / 1_000_000_000L)
                        .withData("objectStoreError", st.storeUnavailable());
            } else {
                b.withData("objectStore", st == null ? "not started" : "available");
            }
            return b.build();
        };
    }

    private static HealthCheckResponseBuilder details(HealthCheckResponseBuilder b, LoopStatus st) {
        if (st == null) {
            return b.withData("phase", "not started");
        }
        b.withData("phase", st.phase().name())
                .withData("epoch", st.epoch())
                .withData("paused", st.paused())
                .withData("assignedPartitions", st.assignedPartitions())
                .withData("secondsSinceProgress", st.nanosSinceBeat() / 1_000_000_000L);
        if (!st.lastError().isEmpty()) {
            b.withData("lastError", st.lastError());
        }
        return b;
    }
}
