package dev.simclr.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EvalResultTest {

    static EvalResultBuilder sample() {
        return EvalResult.builder()
                .setRunId("fmnist-r18-1")
                .setStep(1000)
                .setCheckpointUri("s3://simclr/fmnist-r18-1/step-1000/")
                .optMetric("linear_top1", 0.8412)
                .optMetric("knn_top1", 0.8123)
                .optMetric("linear_top5", 0.9921)
                .optMetric("knn_top5", 0.9874)
                .setEvalSet("fashion-mnist")
                .setOnnxUri("s3://simclr/fmnist-r18-1/step-1000/encoder.onnx")
                .setOnnxMaxAbsDiff(3.814697265625E-6)
                .setFeatureDim(128)
                .setTrainCount(60000)
                .setTestCount(10000)
                .optTimingMs("load", 812)
                .optTimingMs("features", 41230)
                .optTimingMs("linear", 9120)
                .optTimingMs("knn", 3310)
                .optTimingMs("onnxExport", 640)
                .optTimingMs("onnxVerify", 1205)
                .optTimingMs("total", 56317)
                .setCreatedAt(Instant.parse("2025-01-31T12:03:10.5Z"));
    }

    /** A record as evaluators wrote it before named metrics: the metrics only as top-level fields. */
    static final String LEGACY_JSON = "{\"runId\":\"fmnist-r18-1\",\"step\":1000,"
            + "\"checkpointUri\":\"s3://simclr/fmnist-r18-1/step-1000/\",\"linearTop1\":0.8412,"
            + "\"linearTop5\":0.9921,\"knnTop1\":0.8123,\"knnTop5\":0.9874,\"evalSet\":\"fashion-mnist\","
            + "\"onnxUri\":\"s3://simclr/fmnist-r18-1/step-1000/encoder.onnx\","
            + "\"onnxMaxAbsDiff\":3.814697265625E-6,\"featureDim\":128,\"trainCount\":60000,"
            + "\"testCount\":10000,\"timingsMs\":{\"load\":812,\"features\":41230,\"linear\":9120,"
            + "\"knn\":3310,\"onnxExport\":640,\"onnxVerify\":1205,\"total\":56317},"
            + "\"createdAt\":\"2025-01-31T12:03:10.500Z\"}";

    static final String METRICS =
            "\"metrics\":{\"linear_top1\":0.8412,\"knn_top1\":0.8123," + "\"linear_top5\":0.9921,\"knn_top5\":0.9874}";

    /** What this version writes: the legacy fields where they were, every metric by name last. */
    static final String JSON = LEGACY_JSON.substring(0, LEGACY_JSON.length() - 1) + "," + METRICS + "}";

    @Test
    void writesTheDocumentedJson() {
        EvalResult r = sample().build();
        assertThat(r.toJson()).isEqualTo(JSON);
        assertThat(EvalResult.fromJson(JSON)).isEqualTo(r);
        assertThat(EvalResult.fromJson(JSON.getBytes(StandardCharsets.UTF_8))).isEqualTo(r);
        assertThat(EvalResult.fromJson(JSON).timingsMs().keySet())
                .containsExactly("load", "features", "linear", "knn", "onnxExport", "onnxVerify", "total");
        assertThat(r.metric("knn_top5")).hasValue(0.9874);
        assertThat(r.metric("no_such_metric")).isEmpty();
    }

    @Test
    void legacyReadersFindTheirFieldsWithTheMetricsValues() throws Exception {
        EvalResult r = sample().optMetric("alignment", 0.5)
                .optMetric("uniformity", -3.25)
                .optLabelFreeSample("fashion-mnist/test", 200)
                .optMetric("feature_norm", 12.5)
                .build();
        JsonNode written = Json.mapper().readTree(r.toJson());
        // the fields a reader written before named metrics requires or reads, with the same values
        assertThat(written.path("linearTop1").doubleValue()).isEqualTo(0.8412);
        assertThat(written.path("knnTop1").doubleValue()).isEqualTo(0.8123);
        assertThat(written.path("linearTop5").doubleValue()).isEqualTo(0.9921);
        assertThat(written.path("knnTop5").doubleValue()).isEqualTo(0.9874);
        assertThat(written.path("alignment").doubleValue()).isEqualTo(0.5);
        assertThat(written.path("uniformity").doubleValue()).isEqualTo(-3.25);
        assertThat(written.path("labelFreeCount").intValue()).isEqualTo(200);
        // a metric added later is only in "metrics"
        assertThat(written.has("featureNorm")).isFalse();
        assertThat(written.has("feature_norm")).isFalse();
        assertThat(written.path("metrics").path("feature_norm").doubleValue()).isEqualTo(12.5);
        // the legacy accessors read the named metrics
        assertThat(r.linearTop1()).isEqualTo(0.8412);
        assertThat(r.knnTop5()).isEqualTo(0.9874);
        assertThat(r.uniformity()).isEqualTo(-3.25);
    }

    @Test
    void recordsWithOnlyTheLegacyFieldsReadAsNamedMetrics() {
        EvalResult old = EvalResult.fromJson(LEGACY_JSON);
        assertThat(old).isEqualTo(sample().build());
        assertThat(old.metrics().keySet()).containsExactly("linear_top1", "knn_top1", "linear_top5", "knn_top5");
        assertThat(old.toJson()).as("written back with its metrics named").isEqualTo(JSON);
        String withLabelFree = LEGACY_JSON
                        .replace("}", "")
                        .replace(
                                "\"total\":56317",
                                "\"total\":56317},\"alignment\":0.75,\"uniformity\":-2.5,\"labelFreeSet\":\"photos\","
                                        + "\"labelFreeCount\":30")
                + "}";
        EvalResult lf = EvalResult.fromJson(withLabelFree);
        assertThat(lf.metrics()).containsEntry("alignment", 0.75).containsEntry("uniformity", -2.5);
        assertThat(lf.metrics().keySet()).endsWith("alignment", "uniformity");
        assertThat(lf.labelFreeSet()).isEqualTo("photos");
    }

    @Test
    void anUnknownMetricPassesThroughUntouched() {
        String json = JSON.replace("\"knn_top1\":0.8123,", "\"knn_top1\":0.8123,\"k_means_nmi\":-0.125,");
        EvalResult r = EvalResult.fromJson(json);
        assertThat(r.metrics().keySet())
                .containsExactly("linear_top1", "knn_top1", "k_means_nmi", "linear_top5", "knn_top5");
        assertThat(r.metric("k_means_nmi")).hasValue(-0.125);
        assertThat(r.toJson()).isEqualTo(json);
        assertThat(EvalResult.fromJson(r.toJson())).isEqualTo(r);
    }

    @Test
    void legacyFieldsAndNamedMetricsAreMergedAndMustAgree() {
        // a metric missing from "metrics" but present as its legacy field is taken from the field
        String partial = JsonEdit.with(JSON, "metrics", "{\"linear_top1\":0.8412,\"knn_top1\":0.8123}");
        assertThat(EvalResult.fromJson(partial)).isEqualTo(sample().build());
        // a legacy field absent from a new record is no problem: "metrics" has it
        assertThat(EvalResult.fromJson(JsonEdit.without(JSON, "linearTop1"))).isEqualTo(sample().build());
        assertThatThrownBy(() -> EvalResult.fromJson(JsonEdit.with(JSON, "knnTop1", "0.5")))
                .isInstanceOf(ContractException.class)
                .hasMessage("eval result: knnTop1 (0.5) disagrees with metrics.knn_top1 (0.8123)");
    }

    @Test
    void theTopOneAccuraciesAreRequiredUnderEitherName() {
        String neither = JsonEdit.with(JsonEdit.without(JSON, "knnTop1"), "metrics", "{\"linear_top1\":0.8412}");
        assertThatThrownBy(() -> EvalResult.fromJson(neither))
                .isInstanceOf(ContractException.class)
                .hasMessage(
                        "eval result: 'knn_top1' is required (in 'metrics', or as the legacy field " + "'knnTop1')");
        assertThatThrownBy(() -> EvalResult.fromJson(JsonEdit.without(LEGACY_JSON, "linearTop1")))
                .hasMessage("eval result: 'linear_top1' is required (in 'metrics', or as the legacy field "
                        + "'linearTop1')");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "{\"Linear-Top1\":0.5}  | metric name must be 1..64 characters of [a-z0-9_] starting with a letter, got 'Linear-Top1'",
                "{\"x\":null}           | metrics.x must be a number, got null",
                "{\"x\":\"0.5\"}      | metrics.x must be a number, got \"0.5\"",
                "[0.5]                 | metrics must be an object, got [0.5]",
                "{\"linear_top1\":1.5}  | linearTop1 (0.8412) disagrees with metrics.linear_top1 (1.5)",
            })
    void invalidMetricsAreRejectedWithAReason(String metrics, String reason) {
        assertThatThrownBy(() -> EvalResult.fromJson(JsonEdit.with(JSON, "metrics", metrics)))
                .isInstanceOf(ContractException.class)
                .hasMessage("eval result: " + reason);
        assertThatThrownBy(() -> sample().optMetric("linear_top1", 1.5).build())
                .hasMessage("eval result: linear_top1 (linearTop1) must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> sample().optMetric("nan_metric", Double.NaN).build())
                .hasMessage("eval result: metrics.nan_metric must be a finite number, got NaN");
    }

    @Test
    void labelFreeMeasuresAndMismatchLinesAreOptionalAndRoundTrip() {
        EvalResult r = sample().optMetric("alignment", 0.8125)
                .optMetric("uniformity", -2.5)
                .optLabelFreeSample("photos-holdout", 30)
                .optEvalSetMismatch("channels: the run's model takes 3, fashion-mnist images have 1")
                .build();
        assertThat(r.toJson())
                .endsWith("\"createdAt\":\"2025-01-31T12:03:10.500Z\",\"alignment\":0.8125,"
                        + "\"uniformity\":-2.5,\"labelFreeSet\":\"photos-holdout\",\"labelFreeCount\":30,"
                        + "\"evalSetMismatch\":[\"channels: the run's model takes 3, fashion-mnist images have 1\"],"
                        + METRICS.replace("}", ",\"alignment\":0.8125,\"uniformity\":-2.5}") + "}");
        assertThat(EvalResult.fromJson(r.toJson())).isEqualTo(r);
        // a record of an older evaluator has none of them
        EvalResult old = EvalResult.fromJson(LEGACY_JSON);
        assertThat(old.alignment()).isNull();
        assertThat(old.labelFreeCount()).isNull();
        assertThat(old.evalSetMismatch()).isEmpty();
    }

    @Test
    void labelFreeMeasuresAreValidatedTogether() {
        assertThatThrownBy(() -> labelFree(5, -1, "x", 10).build())
                .hasMessageContaining("alignment must be in [0, 4], got 5.0");
        assertThatThrownBy(() -> labelFree(1, 0.5, "x", 10).build())
                .hasMessageContaining("uniformity must be in [-4.444444444444445, 0] for 10 images, got 0.5");
        // two antipodal features: exp(-2 * 4)
        assertThat(labelFree(4, -8, "x", 2).build().uniformity()).isEqualTo(-8);
        assertThatThrownBy(() -> labelFree(1, -1, "x", 1).build()).hasMessageContaining("labelFreeCount must be >= 2");
        assertThatThrownBy(() -> EvalResult.fromJson(JsonEdit.with(JSON, "alignment", "0.5")))
                .hasMessageContaining("alignment, uniformity, labelFreeSet and labelFreeCount go together");
        assertThatThrownBy(() -> sample().optMetric("alignment", 0.5)
                        .optMetric("uniformity", -1)
                        .build())
                .hasMessageContaining("alignment, uniformity, labelFreeSet and labelFreeCount go together");
        assertThatThrownBy(() -> EvalResult.fromJson(JsonEdit.with(JSON, "evalSetMismatch", "\"size\"")))
                .hasMessageContaining("evalSetMismatch must be an array of strings");
        assertThatThrownBy(() -> sample().optEvalSetMismatch(" ").build())
                .hasMessageContaining("evalSetMismatch items must be 1..512 characters");
    }

    private static EvalResultBuilder labelFree(double alignment, double uniformity, String set, int count) {
        return sample().optMetric("alignment", alignment)
                .optMetric("uniformity", uniformity)
                .optLabelFreeSample(set, count);
    }

    @Test
    void timingsAreImmutableCopies() {
        Map<String, Long> timings = new LinkedHashMap<>(Map.of("total", 5L));
        EvalResult r = sample().optTimingsMs(timings).build();
        timings.put("total", 6L);
        assertThat(r.timingsMs()).containsEntry("total", 5L);
        assertThatThrownBy(() -> r.timingsMs().put("x", 1L)).isInstanceOf(UnsupportedOperationException.class);
        Map<String, Double> metrics = new LinkedHashMap<>(Map.of("linear_top1", 0.5, "knn_top1", 0.25));
        EvalResult m = sample().optMetrics(metrics).build();
        metrics.put("knn_top1", 0.75);
        assertThat(m.knnTop1()).isEqualTo(0.25);
        assertThatThrownBy(() -> m.metrics().put("x", 1.0)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void randomResultsRoundTripExactly() {
        Random rnd = new Random(11);
        for (int i = 0; i < 500; i++) {
            double l1 = rnd.nextDouble();
            double k1 = rnd.nextDouble();
            EvalResultBuilder b = EvalResult.builder()
                    .setRunId("r")
                    .setCheckpointUri("s3://b/r/")
                    .setEvalSet("e")
                    .setOnnxUri("s3://b/r/e.onnx")
                    .setTrainCount(1)
                    .setTestCount(1)
                    .optTimingMs("total", rnd.nextInt(1 << 20))
                    .setStep(rnd.nextInt(1 << 30))
                    .optMetric("linear_top1", l1)
                    .optMetric("knn_top1", k1);
            if (rnd.nextBoolean()) {
                b.optMetric("linear_top5", l1 + (1 - l1) * rnd.nextDouble());
            }
            if (rnd.nextBoolean()) {
                b.optMetric("knn_top5", 1.0);
            }
            if (rnd.nextBoolean()) {
                b.optMetric("m" + rnd.nextInt(100), (rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(20) - 10));
            }
            b.setOnnxMaxAbsDiff(rnd.nextDouble() * 1e-4)
                    .setFeatureDim(1 + rnd.nextInt(4096))
                    .setCreatedAt(Instant.ofEpochSecond(rnd.nextInt(Integer.MAX_VALUE), rnd.nextInt(1000)));
            EvalResult r = b.build();
            assertThat(EvalResult.fromJson(r.toJson())).isEqualTo(r);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "runId",
                "step",
                "checkpointUri",
                "evalSet",
                "onnxUri",
                "onnxMaxAbsDiff",
                "featureDim",
                "trainCount",
                "testCount",
                "timingsMs",
                "createdAt"
            })
    void missingFieldsAreNamed(String field) {
        assertThatThrownBy(() -> EvalResult.fromJson(JsonEdit.without(JSON, field)))
                .isInstanceOf(ContractException.class)
                .hasMessage("eval result: '" + field + "' is required");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "linearTop1     | 1.5        | linear_top1 (linearTop1) must be in [0, 1], got 1.5",
                "linearTop1     | -0.01      | linear_top1 (linearTop1) must be in [0, 1], got -0.01",
                "knnTop1        | \"0.8\"    | knnTop1 must be a number, got \"0.8\"",
                "knnTop5        | 1.01       | knn_top5 (knnTop5) must be in [0, 1], got 1.01",
                "linearTop5     | 0.5        | linear_top5 (0.5) must be >= linear_top1 (0.8412)",
                "onnxMaxAbsDiff | -1e-9      | onnxMaxAbsDiff must be >= 0, got -1.0E-9",
                "featureDim     | 0          | featureDim must be >= 1, got 0",
                "featureDim     | 4294967296 | featureDim must be a 32-bit integer, got 4294967296",
                "trainCount     | 0          | trainCount must be >= 1, got 0",
                "testCount      | -5         | testCount must be >= 1, got -5",
                "evalSet        | \"\"       | evalSet must not be empty",
                "onnxUri        | \"x.onnx\" | onnxUri has no scheme: 'x.onnx' (expected e.g. s3://bucket/key or file:///path)",
                "timingsMs      | []         | timingsMs must be an object, got []",
                "timingsMs      | {\"total\":-1}  | timingsMs.total must be >= 0, got -1",
                "timingsMs      | {\"total\":1.5} | timingsMs.total must be an integer, got 1.5",
                "timingsMs      | {\"total\":null} | timingsMs.total must be an integer, got null",
            })
    void invalidFieldsAreRejectedWithAReason(String field, String rawValue, String reason) {
        // legacy fields are validated as before (on a record that has no named metrics)
        assertThatThrownBy(() -> EvalResult.fromJson(JsonEdit.with(LEGACY_JSON, field, rawValue)))
                .isInstanceOf(ContractException.class)
                .hasMessage("eval result: " + reason);
    }

    @Test
    void builderNamesMissingValues() {
        assertThatThrownBy(() -> EvalResult.builder().build())
                .isInstanceOf(ContractException.class)
                .hasMessage("eval result: 'step' is required");
        assertThatThrownBy(() -> sample().setRunId(null).build()).hasMessage("eval result: 'runId' is required");
        assertThatThrownBy(() -> sample().setCreatedAt(null).build())
                .hasMessage("eval result: 'createdAt' is required");
        assertThatThrownBy(() -> sample().optTimingMs(" ", 1).build())
                .hasMessage("eval result: timingsMs key must not start or end with whitespace: ' '");
    }
}
