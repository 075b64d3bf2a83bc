package dev.simclr.launcher.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simclr.contracts.EvalResult;
import dev.simclr.contracts.EvalResultBuilder;
import dev.simclr.contracts.MetricDescription;
import dev.simclr.contracts.MetricDescription.Direction;
import dev.simclr.contracts.MetricDescription.Unit;
import dev.simclr.evaluation.MetricRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The result line is built from the metric descriptions; for the standard metrics it reads as before them. */
class EvalLinesTest {

    private static final MetricCatalog STANDARD =
            MetricCatalog.of(MetricRegistry.standard().descriptions());

    private static EvalResultBuilder result() {
        return EvalResult.builder()
                .setRunId("demo")
                .setStep(400)
                .setCheckpointUri("s3://c/demo/step-400/")
                .optMetric("linear_top1", 0.8412)
                .optMetric("knn_top1", 0.8)
                .optMetric("linear_top5", 0.9921)
                .optMetric("knn_top5", 0.9874)
                .setEvalSet("fashion-mnist")
                .setOnnxUri("s3://c/demo/step-400/encoder.onnx")
                .setOnnxMaxAbsDiff(2.4e-6)
                .setFeatureDim(128)
                .setTrainCount(60000)
                .setTestCount(10000)
                .optTimingsMs(Map.of("features", 71_000L))
                .optTimingMs("linear", 14_000)
                .optTimingMs("knn", 9_000)
                .optTimingMs("total", 101_000)
                .setCreatedAt(Instant.EPOCH);
    }

    @Test
    void standardMetricsReadAsBeforeNamedMetrics() {
        EvalResult r = result().optMetric("alignment", 0.6123)
                .optMetric("uniformity", -3.1051)
                .optLabelFreeSample("fashion-mnist/test", 1000)
                .build();
        assertThat(EvalLines.eval(r, STANDARD))
                .isEqualTo("eval demo step 400: linear 84.1%  kNN 80.0%  ONNX max|diff| "
                        + "2.4e-06  (features 71s, probe 14s, kNN 9.0s, total 101s) fashion-mnist; alignment 0.612 uniformity -3.105 "
                        + "(1000 images of fashion-mnist/test)");
        assertThat(EvalLines.eval(result().build(), STANDARD))
                .isEqualTo("eval demo step 400: linear 84.1%  kNN 80.0%  "
                        + "ONNX max|diff| 2.4e-06  (features 71s, probe 14s, kNN 9.0s, total 101s) fashion-mnist");
    }

    @Test
    void aMetricDescribedByTheEvaluatorShowsWithoutChangesHere() {
        List<MetricDescription> described =
                new ArrayList<>(MetricRegistry.standard().descriptions());
        described.add(MetricDescription.builder()
                .setName("class0_share")
                .setLabel("class-0 share")
                .setDescription("Share of test images of class 0.")
                .setUnit(Unit.FRACTION)
                .setDirection(Direction.HIGHER)
                .optNeedsLabels(true)
                .optSummaryLabel("class 0")
                .build());
        EvalResult r = result().optMetric("class0_share", 0.25).build();
        assertThat(EvalLines.eval(r, MetricCatalog.of(described)))
                .startsWith("eval demo step 400: linear 84.1%  kNN 80.0%  class 0 25.0%  ONNX max|diff| 2.4e-06");
        assertThat(EvalLines.eval(r, MetricCatalog.none()))
                .as("nothing described: every metric by name")
                .startsWith(
                        "eval demo step 400: linear_top1 0.8412  knn_top1 0.8000  linear_top5 0.9921  knn_top5 0.9874  "
                                + "class0_share 0.2500  ONNX");
    }
}
