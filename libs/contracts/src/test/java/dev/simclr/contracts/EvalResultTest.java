package dev.simclr.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    return EvalResult.builder().setRunId("fmnist-r18-1").setStep(1000)
        .setCheckpointUri("s3://simclr/fmnist-r18-1/step-1000/")
        .setLinearTop1(0.8412).optLinearTop5(0.9921).setKnnTop1(0.8123).optKnnTop5(0.9874)
        .setEvalSet("fashion-mnist").setOnnxUri("s3://simclr/fmnist-r18-1/step-1000/encoder.onnx")
        .setOnnxMaxAbsDiff(3.814697265625E-6).setFeatureDim(128).setTrainCount(60000)
        .setTestCount(10000).optTimingMs("load", 812).optTimingMs("features", 41230)
        .optTimingMs("linear", 9120).optTimingMs("knn", 3310).optTimingMs("onnxExport", 640)
        .optTimingMs("onnxVerify", 1205).optTimingMs("total", 56317)
        .setCreatedAt(Instant.parse("2025-01-31T12:03:10.5Z"));
  }

  static final String JSON = "{\"runId\":\"fmnist-r18-1\",\"step\":1000,"
      + "\"checkpointUri\":\"s3://simclr/fmnist-r18-1/step-1000/\",\"linearTop1\":0.8412,"
      + "\"linearTop5\":0.9921,\"knnTop1\":0.8123,\"knnTop5\":0.9874,\"evalSet\":\"fashion-mnist\","
      + "\"onnxUri\":\"s3://simclr/fmnist-r18-1/step-1000/encoder.onnx\","
      + "\"onnxMaxAbsDiff\":3.814697265625E-6,\"featureDim\":128,\"trainCount\":60000,"
      + "\"testCount\":10000,\"timingsMs\":{\"load\":812,\"features\":41230,\"linear\":9120,"
      + "\"knn\":3310,\"onnxExport\":640,\"onnxVerify\":1205,\"total\":56317},"
      + "\"createdAt\":\"2025-01-31T12:03:10.500Z\"}";

  @Test
  void writesTheDocumentedJson() {
    EvalResult r = sample().build();
    assertThat(r.toJson()).isEqualTo(JSON);
    assertThat(EvalResult.fromJson(JSON)).isEqualTo(r);
    assertThat(EvalResult.fromJson(JSON.getBytes(StandardCharsets.UTF_8))).isEqualTo(r);
    assertThat(EvalResult.fromJson(JSON).timingsMs().keySet()).containsExactly("load",
        "features", "linear", "knn", "onnxExport", "onnxVerify", "total");
  }

  @Test
  void optionalTop5AreOmittedAndUnknownFieldsIgnored() {
    EvalResult r = sample().optLinearTop5(null).optKnnTop5(null).build();
    assertThat(r.toJson()).doesNotContain("Top5");
    assertThat(EvalResult.fromJson(JsonEdit.with(r.toJson(), "gpu", "\"none\""))).isEqualTo(r);
    assertThat(EvalResult.fromJson(JsonEdit.with(r.toJson(), "knnTop5", "null"))).isEqualTo(r);
  }

  @Test
  void labelFreeMeasuresAndMismatchLinesAreOptionalAndRoundTrip() {
    EvalResult r = sample().optLabelFree(0.8125, -2.5, "photos-holdout", 30)
        .optEvalSetMismatch("channels: the run's model takes 3, fashion-mnist images have 1").build();
    assertThat(r.toJson()).endsWith("\"createdAt\":\"2025-01-31T12:03:10.500Z\",\"alignment\":0.8125,"
        + "\"uniformity\":-2.5,\"labelFreeSet\":\"photos-holdout\",\"labelFreeCount\":30,"
        + "\"evalSetMismatch\":[\"channels: the run's model takes 3, fashion-mnist images have 1\"]}");
    assertThat(EvalResult.fromJson(r.toJson())).isEqualTo(r);
    // a record of an older evaluator has none of them
    EvalResult old = EvalResult.fromJson(JSON);
    assertThat(old.alignment()).isNull();
    assertThat(old.labelFreeCount()).isNull();
    assertThat(old.evalSetMismatch()).isEmpty();
    assertThat(old.toJson()).isEqualTo(JSON);
  }

  @Test
  void labelFreeMeasuresAreValidatedTogether() {
    assertThatThrownBy(() -> sample().optLabelFree(5, -1, "x", 10).build())
        .hasMessageContaining("alignment must be in [0, 4], got 5.0");
    assertThatThrownBy(() -> sample().optLabelFree(1, 0.5, "x", 10).build())
        .hasMessageContaining("uniformity must be in [-4.444444444444445, 0] for 10 images, got 0.5");
    // two antipodal features: exp(-2 * 4)
    assertThat(sample().optLabelFree(4, -8, "x", 2).build().uniformity()).isEqualTo(-8);
    assertThatThrownBy(() -> sample().optLabelFree(1, -1, "x", 1).build())
        .hasMessageContaining("labelFreeCount must be >= 2");
    assertThatThrownBy(() -> EvalResult.fromJson(JsonEdit.with(JSON, "alignment", "0.5")))
        .hasMessageContaining("alignment, uniformity, labelFreeSet and labelFreeCount go together");
    assertThatThrownBy(() -> EvalResult.fromJson(JsonEdit.with(JSON, "evalSetMismatch", "\"size\"")))
        .hasMessageContaining("evalSetMismatch must be an array of strings");
    assertThatThrownBy(() -> sample().optEvalSetMismatch(" ").build())
        .hasMessageContaining("evalSetMismatch items must be 1..512 characters");
  }

  @Test
  void timingsAreImmutableCopies() {
    Map<String, Long> timings = new LinkedHashMap<>(Map.of("total", 5L));
    EvalResult r = sample().optTimingsMs(timings).build();
    timings.put("total", 6L);
    assertThat(r.timingsMs()).containsEntry("total", 5L);
    assertThatThrownBy(() -> r.timingsMs().put("x", 1L))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void randomResultsRoundTripExactly() {
    Random rnd = new Random(11);
    for (int i = 0; i < 500; i++) {
      double l1 = rnd.nextDouble();
      double k1 = rnd.nextDouble();
      EvalResultBuilder b = sample().setStep(rnd.nextInt(1 << 30)).setLinearTop1(l1)
          .optLinearTop5(rnd.nextBoolean() ? null : l1 + (1 - l1) * rnd.nextDouble())
          .setKnnTop1(k1).optKnnTop5(rnd.nextBoolean() ? null : 1.0)
          .setOnnxMaxAbsDiff(rnd.nextDouble() * 1e-4).setFeatureDim(1 + rnd.nextInt(4096))
          .setCreatedAt(Instant.ofEpochSecond(rnd.nextInt(Integer.MAX_VALUE), rnd.nextInt(1000)));
      EvalResult r = b.build();
      assertThat(EvalResult.fromJson(r.toJson())).isEqualTo(r);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"runId", "step", "checkpointUri", "linearTop1", "knnTop1", "evalSet",
      "onnxUri", "onnxMaxAbsDiff", "featureDim", "trainCount", "testCount", "timingsMs",
      "createdAt"})
  void missingFieldsAreNamed(String field) {
    assertThatThrownBy(() -> EvalResult.fromJson(JsonEdit.without(JSON, field)))
        .isInstanceOf(ContractException.class)
        .hasMessage("eval result: '" + field + "' is required");
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "linearTop1     | 1.5        | linearTop1 must be in [0, 1], got 1.5",
      "linearTop1     | -0.01      | linearTop1 must be in [0, 1], got -0.01",
      "knnTop1        | \"0.8\"    | knnTop1 must be a number, got \"0.8\"",
      "knnTop5        | 1.01       | knnTop5 must be in [0, 1], got 1.01",
      "linearTop5     | 0.5        | linearTop5 (0.5) must be >= linearTop1 (0.8412)",
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
    assertThatThrownBy(() -> EvalResult.fromJson(JsonEdit.with(JSON, field, rawValue)))
        .isInstanceOf(ContractException.class)
        .hasMessage("eval result: " + reason);
  }

  @Test
  void builderNamesMissingValues() {
    assertThatThrownBy(() -> EvalResult.builder().build()).isInstanceOf(ContractException.class)
        .hasMessage("eval result: 'step' is required");
    assertThatThrownBy(() -> sample().setRunId(null).build())
        .hasMessage("eval result: 'runId' is required");
    assertThatThrownBy(() -> sample().setCreatedAt(null).build())
        .hasMessage("eval result: 'createdAt' is required");
    assertThatThrownBy(() -> sample().optTimingMs(" ", 1).build())
        .hasMessage("eval result: timingsMs key must not start or end with whitespace: ' '");
  }
}
