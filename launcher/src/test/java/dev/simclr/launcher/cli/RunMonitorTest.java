package dev.simclr.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simclr.contracts.EvalResult;
import dev.simclr.contracts.MetricDescription;
import dev.simclr.evaluation.StandardMetrics;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunMonitorTest {

    private static EvalResult result(long step, double linear, Double alignment) {
        var b = EvalResult.builder()
                .setRunId("demo")
                .setStep(step)
                .setCheckpointUri("s3://c/demo/step-" + step + "/")
                .optMetric("linear_top1", linear)
                .optMetric("knn_top1", 0.5)
                .setEvalSet("fashion-mnist")
                .setOnnxUri("s3://c/e.onnx")
                .setOnnxMaxAbsDiff(0)
                .setFeatureDim(8)
                .setTrainCount(10)
                .setTestCount(10)
                .setCreatedAt(Instant.EPOCH);
        if (alignment != null) {
            b.optMetric("alignment", alignment).optMetric("uniformity", -2.0).optLabelFreeSample("holdout", 10);
        }
        return b.build();
    }

    @Test
    void bestFollowsTheMetricsDirectionAmongResultsThatHaveIt() {
        List<EvalResult> results = List.of(result(1, 0.5, 0.8), result(2, 0.75, 0.9), result(3, 0.625, null));
        MetricDescription linear = StandardMetrics.LINEAR_TOP1.description();
        MetricDescription alignment = StandardMetrics.ALIGNMENT.description();
        assertThat(RunMonitor.best(results, linear))
                .get()
                .extracting(EvalResult::step)
                .isEqualTo(2L);
        assertThat(RunMonitor.best(results, alignment))
                .as("lower is better")
                .get()
                .extracting(EvalResult::step)
                .isEqualTo(1L);
        assertThat(RunMonitor.best(List.of(result(3, 0.6, null)), alignment)).isEmpty();
    }

    @Test
    void theTrainersPhaseIsFoundWhateverTheOrderOfTheReadinessChecks() throws Exception {
        String storeFirst = """
                {"status": "UP", "checks": [
                  {"name": "trainer-object-store", "status": "UP", "data": {"objectStore": "available"}},
                  {"name": "trainer-input", "status": "UP",
                   "data": {"phase": "IDLE", "lastCheckpointStep": 659, "step": 659}}]}""";
        var d = RunMonitor.trainerState(dev.simclr.contracts.Json.mapper().readTree(storeFirst));
        assertThat(d.path("phase").asText("")).isEqualTo("IDLE");
        assertThat(d.path("lastCheckpointStep").asLong(-1)).isEqualTo(659);
        var none = RunMonitor.trainerState(dev.simclr.contracts.Json.mapper()
                .readTree("{\"status\": \"DOWN\", \"checks\": [{\"name\": \"x\", \"data\": {}}]}"));
        assertThat(none.path("phase").asText("")).isEmpty();
        assertThat(none.path("lastCheckpointStep").asLong(-1)).isEqualTo(-1);
    }
}
