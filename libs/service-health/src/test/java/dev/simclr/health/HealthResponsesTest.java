package dev.simclr.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HealthResponsesTest {

    @BeforeAll
    static void provider() {
        HealthCheckResponse.setResponseProvider(new PlainResponseProvider());
    }

    @Test
    void publishesNameStatusAndTypedData() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("phase", "RUNNING");
        data.put("queue", 3);
        data.put("seconds", 2.9);
        data.put("paused", true);
        data.put("error", null);
        HealthCheckResponse r = HealthResponses.of(new HealthState("trainer-input", true, data));
        assertThat(r.getName()).isEqualTo("trainer-input");
        assertThat(r.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(r.getData())
                .hasValueSatisfying(d -> assertThat(d)
                        .containsExactlyInAnyOrderEntriesOf(Map.of(
                                "phase", "RUNNING", "queue", 3L, "seconds", 2L, "paused", true, "error", "null")));
    }

    @Test
    void downAndNotStarted() {
        assertThat(HealthResponses.of(new HealthState("x", false, Map.of())).getStatus())
                .isEqualTo(HealthCheckResponse.Status.DOWN);
        HealthCheckResponse r = HealthResponses.notStarted("evaluator-worker");
        assertThat(r.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(r.getData()).contains(Map.of("phase", "not started"));
        assertThatThrownBy(() -> new HealthState(" ", true, Map.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
