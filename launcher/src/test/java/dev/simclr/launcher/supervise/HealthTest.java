package dev.simclr.launcher.supervise;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HealthTest {

    /** What the trainer answers on /q/health/live after refusing a checkpoint of another model. */
    private static final String TRAINER_FAILED = """
      {"status":"DOWN","checks":[
        {"name":"trainer-thread","status":"DOWN","data":{"phase":"FAILED","step":0,
         "lastError":"IllegalStateException: run r: checkpoint step 5 was trained with model {width=0.125}"}},
        {"name":"SmallRye Reactive Messaging - liveness check","status":"UP"}]}""";

    @Test
    void upIsHttp200WithStatusUp() {
        assertThat(Health.parse(200, "{\"status\":\"UP\",\"checks\":[]}")).isEqualTo(Health.up());
        assertThat(Health.parse(200, "")).isEqualTo(Health.up());
    }

    @Test
    void downNamesTheDownChecksWithTheirData() {
        Health h = Health.parse(503, TRAINER_FAILED);
        assertThat(h.state()).isEqualTo(Health.State.DOWN);
        assertThat(h.reason())
                .isEqualTo("trainer-thread DOWN: lastError=IllegalStateException: run r: checkpoint step 5 was"
                        + " trained with model {width=0.125}, phase=FAILED, step=0");
    }

    @Test
    void aStatusDownIsDownEvenWithHttp200AndOtherErrorsSayTheirStatus() {
        assertThat(Health.parse(200, "{\"status\":\"DOWN\",\"checks\":[{\"name\":\"x\",\"status\":\"DOWN\"}]}"))
                .isEqualTo(Health.down("x DOWN"));
        assertThat(Health.parse(404, "<html>not found</html>")).isEqualTo(Health.down("HTTP 404"));
        assertThat(Health.parse(503, "{\"status\":\"DOWN\",\"checks\":[]}")).isEqualTo(Health.down("HTTP 503"));
    }

    @Test
    void longDataValuesAreCut() {
        String json = "{\"status\":\"DOWN\",\"checks\":[{\"name\":\"c\",\"status\":\"DOWN\",\"data\":{\"e\":\""
                + "x".repeat(1500) + "\"}}]}";
        assertThat(Health.parse(503, json).reason()).isEqualTo("c DOWN: e=" + "x".repeat(1000) + "...");
    }
}
