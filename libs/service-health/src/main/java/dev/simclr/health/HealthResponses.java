package dev.simclr.health;

import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/** The one translation of a {@link HealthState} into a MicroProfile Health response, used by every service. */
public final class HealthResponses {

    private HealthResponses() {}

    /** The response of {@code state}: its name, status and data (keys sorted, so the output is stable). */
    public static HealthCheckResponse of(HealthState state) {
        HealthCheckResponseBuilder b = HealthCheckResponse.named(state.name()).status(state.up());
        for (Map.Entry<String, Object> e : new TreeMap<>(state.data()).entrySet()) {
            if (e.getValue() instanceof Boolean v) {
                b.withData(e.getKey(), v);
            } else if (e.getValue() instanceof Number n) {
                b.withData(e.getKey(), n.longValue());
            } else {
                b.withData(e.getKey(), String.valueOf(e.getValue()));
            }
        }
        return b.build();
    }

    /** DOWN with {@code phase: not started}: the check of a service whose loop has not been built yet. */
    public static HealthCheckResponse notStarted(String name) {
        return HealthCheckResponse.named(name)
                .down()
                .withData("phase", "not started")
                .build();
    }
}
