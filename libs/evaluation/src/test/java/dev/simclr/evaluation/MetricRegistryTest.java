package dev.simclr.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.contracts.EvalResult;
import dev.simclr.contracts.MetricDescription;
import dev.simclr.contracts.MetricDescription.Direction;
import dev.simclr.contracts.MetricDescription.Unit;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class MetricRegistryTest {

    /** A metric that exists only in this test: share of test labels equal to 0. */
    static final EvaluationMetric ZERO_SHARE = EvaluationMetric.of(
            MetricDescription.builder()
                    .setName("zero_share")
                    .setLabel("zero share")
                    .setDescription("Share of test labels 0.")
                    .setUnit(Unit.FRACTION)
                    .setDirection(Direction.HIGHER)
                    .optNeedsLabels(true)
                    .build(),
            c -> OptionalDouble.of(
                    java.util.Arrays.stream(c.testLabels()).filter(y -> y == 0).count()
                            / (double) c.testLabels().length));

    @Test
    void standardRegistryListsTheSixMetricsInOrder() {
        assertThat(MetricRegistry.standard().metrics()).containsExactlyElementsOf(StandardMetrics.ALL);
        assertThat(MetricRegistry.standard().descriptions())
                .extracting(MetricDescription::name)
                .containsExactly("linear_top1", "knn_top1", "linear_top5", "knn_top5", "alignment", "uniformity");
        assertThat(MetricRegistry.standard().descriptions())
                .filteredOn(MetricDescription::inSummary)
                .extracting(MetricDescription::summaryLabel)
                .containsExactly("linear", "kNN", "alignment", "uniformity");
        assertThat(MetricRegistry.standard().description("knn_top5"))
                .get()
                .extracting(MetricDescription::group)
                .isEqualTo("top-5 accuracy");
    }

    @Test
    void aRegisteredMetricIsComputedAndReachesTheEvalResult() {
        Blobs train = Blobs.twoClasses(200, 4, 1.0, 1);
        Blobs test = Blobs.twoClasses(100, 4, 1.0, 2);
        EvaluationProtocol protocol = EvaluationProtocol.builder()
                .optMetrics(MetricRegistry.standard().with(ZERO_SHARE))
                .build();
        ProtocolResult r = protocol.run(train.features, train.labels, test.features, test.labels, 2);
        double expected =
                java.util.Arrays.stream(test.labels).filter(y -> y == 0).count() / 100.0;
        assertThat(r.metrics())
                .containsOnlyKeys("linear_top1", "knn_top1", "zero_share")
                .containsEntry("zero_share", expected);
        EvalResult e = r.applyTo(EvalResult.builder())
                .setRunId("run-1")
                .setStep(1)
                .setCheckpointUri("s3://c/run-1/step-1/")
                .setEvalSet("two")
                .setOnnxUri("s3://c/e.onnx")
                .setOnnxMaxAbsDiff(0)
                .setCreatedAt(Instant.EPOCH)
                .build();
        assertThat(EvalResult.fromJson(e.toJson()).metric("zero_share")).hasValue(expected);
        assertThat(e.toJson()).contains("\"zero_share\":" + expected);
    }

    @Test
    void onlyTheStagesAMetricNeedsRun() {
        Blobs train = Blobs.twoClasses(200, 4, 1.0, 1);
        Blobs test = Blobs.twoClasses(100, 4, 1.0, 2);
        ProtocolResult r = EvaluationProtocol.builder()
                .optMetrics(MetricRegistry.of(List.of(StandardMetrics.KNN_TOP1)))
                .build()
                .run(train.features, train.labels, test.features, test.labels, 2);
        assertThat(r.metrics()).containsOnlyKeys("knn_top1");
        assertThat(r.timingsMs()).containsOnlyKeys("knn", "total");
        assertThat(r.probeFinalLoss()).isNull();
        assertThat(r.provenance()).doesNotContainKey("probeFinalLoss");
        assertThatThrownBy(r::linearTop1).hasMessageContaining("'linear_top1' was not computed");
    }

    @Test
    void rejectsDuplicatesAndValuesThatAreNotFinite() {
        assertThatThrownBy(() -> MetricRegistry.standard().with(StandardMetrics.KNN_TOP1))
                .hasMessage("metric 'knn_top1' is registered twice");
        EvaluationMetric broken = EvaluationMetric.of(ZERO_SHARE.description(), c -> OptionalDouble.of(Double.NaN));
        Blobs train = Blobs.twoClasses(50, 4, 1.0, 1);
        assertThatThrownBy(() -> EvaluationProtocol.builder()
                        .optMetrics(MetricRegistry.of(List.of(broken)))
                        .build()
                        .run(train.features, train.labels, train.features, train.labels, 2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("metric 'zero_share' is not finite: NaN");
    }
}
