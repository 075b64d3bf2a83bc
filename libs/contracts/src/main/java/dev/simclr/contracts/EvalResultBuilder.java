package dev.simclr.contracts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds an {@link EvalResult}: every {@code setX} is required, {@code optX} optional; {@link
 * #build()} names the first missing value.
 */
public final class EvalResultBuilder {

  private String runId;
  private Long step;
  private String checkpointUri;
  private Double linearTop1;
  private Double linearTop5;
  private Double knnTop1;
  private Double knnTop5;
  private String evalSet;
  private String onnxUri;
  private Double onnxMaxAbsDiff;
  private Integer featureDim;
  private Integer trainCount;
  private Integer testCount;
  private final Map<String, Long> timingsMs = new LinkedHashMap<>();
  private Instant createdAt;
  private Double alignment;
  private Double uniformity;
  private String labelFreeSet;
  private Integer labelFreeCount;
  private final List<String> evalSetMismatch = new ArrayList<>();

  EvalResultBuilder() {}

  public EvalResultBuilder setRunId(String runId) {
    this.runId = runId;
    return this;
  }

  public EvalResultBuilder setStep(long step) {
    this.step = step;
    return this;
  }

  public EvalResultBuilder setCheckpointUri(String checkpointUri) {
    this.checkpointUri = checkpointUri;
    return this;
  }

  public EvalResultBuilder setLinearTop1(double linearTop1) {
    this.linearTop1 = linearTop1;
    return this;
  }

  public EvalResultBuilder optLinearTop5(Double linearTop5) {
    this.linearTop5 = linearTop5;
    return this;
  }

  public EvalResultBuilder setKnnTop1(double knnTop1) {
    this.knnTop1 = knnTop1;
    return this;
  }

  public EvalResultBuilder optKnnTop5(Double knnTop5) {
    this.knnTop5 = knnTop5;
    return this;
  }

  public EvalResultBuilder setEvalSet(String evalSet) {
    this.evalSet = evalSet;
    return this;
  }

  public EvalResultBuilder setOnnxUri(String onnxUri) {
    this.onnxUri = onnxUri;
    return this;
  }

  public EvalResultBuilder setOnnxMaxAbsDiff(double onnxMaxAbsDiff) {
    this.onnxMaxAbsDiff = onnxMaxAbsDiff;
    return this;
  }

  public EvalResultBuilder setFeatureDim(int featureDim) {
    this.featureDim = featureDim;
    return this;
  }

  public EvalResultBuilder setTrainCount(int trainCount) {
    this.trainCount = trainCount;
    return this;
  }

  public EvalResultBuilder setTestCount(int testCount) {
    this.testCount = testCount;
    return this;
  }

  /** Adds (or replaces) one phase timing; phases keep the order they were first added in. */
  public EvalResultBuilder optTimingMs(String phase, long millis) {
    timingsMs.put(phase, millis);
    return this;
  }

  /** Adds (or replaces) several phase timings, in the map's iteration order. */
  public EvalResultBuilder optTimingsMs(Map<String, Long> timings) {
    timingsMs.putAll(timings);
    return this;
  }

  public EvalResultBuilder setCreatedAt(Instant createdAt) {
    this.createdAt = createdAt;
    return this;
  }

  /**
   * The label-free measures of the representation on {@code count} held-out images of {@code set}
   * (all four values together).
   */
  public EvalResultBuilder optLabelFree(double alignment, double uniformity, String set, int count) {
    this.alignment = alignment;
    this.uniformity = uniformity;
    this.labelFreeSet = set;
    this.labelFreeCount = count;
    return this;
  }

  /** Adds one line saying how the run's images differ from the evaluation set. */
  public EvalResultBuilder optEvalSetMismatch(String line) {
    evalSetMismatch.add(line);
    return this;
  }

  /**
   * Builds and validates the result.
   *
   * @throws ContractException naming the first missing or invalid value
   */
  public EvalResult build() {
    String ctx = EvalResult.CTX;
    return new EvalResult(runId, Checks.required(ctx, "step", step), checkpointUri,
        Checks.required(ctx, "linearTop1", linearTop1), linearTop5,
        Checks.required(ctx, "knnTop1", knnTop1), knnTop5, evalSet, onnxUri,
        Checks.required(ctx, "onnxMaxAbsDiff", onnxMaxAbsDiff),
        Checks.required(ctx, "featureDim", featureDim),
        Checks.required(ctx, "trainCount", trainCount),
        Checks.required(ctx, "testCount", testCount), timingsMs, createdAt, alignment, uniformity,
        labelFreeSet, labelFreeCount, evalSetMismatch);
  }
}
