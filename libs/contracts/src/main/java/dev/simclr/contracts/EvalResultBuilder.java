package dev.simclr.contracts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds an {@link EvalResult}: every {@code setX} is required, {@code optX} optional; {@link #build()} names the first
 * missing value.
 */
public final class EvalResultBuilder {

    private String runId;
    private Long step;
    private String checkpointUri;
    private final Map<String, Double> metrics = new LinkedHashMap<>();
    private String evalSet;
    private String onnxUri;
    private Double onnxMaxAbsDiff;
    private Integer featureDim;
    private Integer trainCount;
    private Integer testCount;
    private final Map<String, Long> timingsMs = new LinkedHashMap<>();
    private Instant createdAt;
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

    /**
     * Adds (or replaces) one metric; metrics keep the order they were first added in. {@code linear_top1} and
     * {@code knn_top1} are required.
     */
    public EvalResultBuilder optMetric(String name, double value) {
        metrics.put(name, value);
        return this;
    }

    /** Adds (or replaces) several metrics, in the map's iteration order. */
    public EvalResultBuilder optMetrics(Map<String, Double> values) {
        metrics.putAll(values);
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
     * The held-out sample the label-free metrics were measured on: {@code count} images of {@code set} (required with
     * the metrics {@code alignment} and {@code uniformity}).
     */
    public EvalResultBuilder optLabelFreeSample(String set, int count) {
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
        return new EvalResult(
                runId,
                Checks.required(ctx, "step", step),
                checkpointUri,
                metrics,
                evalSet,
                onnxUri,
                Checks.required(ctx, "onnxMaxAbsDiff", onnxMaxAbsDiff),
                Checks.required(ctx, "featureDim", featureDim),
                Checks.required(ctx, "trainCount", trainCount),
                Checks.required(ctx, "testCount", testCount),
                timingsMs,
                createdAt,
                labelFreeSet,
                labelFreeCount,
                evalSetMismatch);
    }
}
