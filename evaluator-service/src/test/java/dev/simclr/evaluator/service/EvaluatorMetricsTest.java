package dev.simclr.evaluator.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simclr.contracts.EvalResult;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The gauges follow the result's metric names; the names of the gauges before named metrics stay. */
class EvaluatorMetricsTest {

    private static EvalResult result(String run, double linear) {
        return EvalResult.builder()
                .setRunId(run)
                .setStep(40)
                .setCheckpointUri("s3://c/" + run + "/step-40/")
                .optMetric("linear_top1", linear)
                .optMetric("knn_top1", 0.5)
                .optMetric("class0_share", 0.25)
                .setEvalSet("fashion-mnist")
                .setOnnxUri("s3://c/e.onnx")
                .setOnnxMaxAbsDiff(0)
                .setFeatureDim(8)
                .setTrainCount(10)
                .setTestCount(10)
                .setCreatedAt(Instant.EPOCH)
                .build();
    }

    @Test
    void everyNamedMetricIsAGaugeAndTheLegacyNamesStay() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        EvaluatorMetrics metrics = new EvaluatorMetrics();
        metrics.registry = prometheus;
        metrics.evaluated(result("run-a", 0.75));
        metrics.evaluated(result("run-a", 0.875));
        String scrape = prometheus.scrape();

        assertThat(scrape)
                .contains(
                        "simclr_evaluator_metric{metric=\"linear_top1\",run=\"run-a\",} 0.875",
                        "simclr_evaluator_metric{metric=\"knn_top1\",run=\"run-a\",} 0.5",
                        "simclr_evaluator_metric{metric=\"class0_share\",run=\"run-a\",} 0.25",
                        "simclr_evaluator_linear_top1{run=\"run-a\",} 0.875",
                        "simclr_evaluator_knn_top1{run=\"run-a\",} 0.5",
                        "simclr_evaluator_last_step{run=\"run-a\",} 40.0");
        assertThat(scrape).as("a new metric only under its name tag").doesNotContain("simclr_evaluator_class0_share");
    }
}
