package dev.simclr.evaluation;

import dev.simclr.contracts.EvalResultBuilder;
import dev.simclr.contracts.LegacyMetrics;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The protocol's result for one feature set.
 *
 * @param metrics every registered metric that applied, name to value, in registry order ({@link MetricRegistry}); the
 *     standard ones are read by {@link #linearTop1()} and friends
 * @param featureDim feature size
 * @param trainCount train features the probe and kNN were fitted on
 * @param testCount test features they were scored on
 * @param numClasses classes
 * @param probeFinalLoss the probe's final train objective (mean cross-entropy + L2 term), or null when no registered
 *     metric ran the probe
 * @param timingsMs wall times in ms by phase: {@code features} (only from {@link EvaluationProtocol#evaluate}),
 *     {@code standardize}, {@code linear}, {@code knn}, {@code labelFree} (each when a metric needed it), {@code total}
 * @param probe the probe's hyper-parameters
 * @param knn the kNN's hyper-parameters
 * @param labelFreeSet name of the held-out sample the label-free metrics used, or null
 * @param labelFreeCount images in that sample, or null
 */
public record ProtocolResult(
        Map<String, Double> metrics,
        int featureDim,
        int trainCount,
        int testCount,
        int numClasses,
        Double probeFinalLoss,
        Map<String, Long> timingsMs,
        ProbeConfig probe,
        KnnConfig knn,
        String labelFreeSet,
        Integer labelFreeCount) {

    /** Copies the maps (order kept). */
    public ProtocolResult {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        timingsMs = Collections.unmodifiableMap(new LinkedHashMap<>(timingsMs));
    }

    /** This result with other timings. */
    public ProtocolResult withTimings(Map<String, Long> timings) {
        return new ProtocolResult(
                metrics,
                featureDim,
                trainCount,
                testCount,
                numClasses,
                probeFinalLoss,
                timings,
                probe,
                knn,
                labelFreeSet,
                labelFreeCount);
    }

    /** Metric {@code linear_top1}; fails when it was not registered. */
    public double linearTop1() {
        return required(LegacyMetrics.LINEAR_TOP1);
    }

    /** Metric {@code linear_top5}, or null. */
    public Double linearTop5() {
        return metrics.get(LegacyMetrics.LINEAR_TOP5);
    }

    /** Metric {@code knn_top1}; fails when it was not registered. */
    public double knnTop1() {
        return required(LegacyMetrics.KNN_TOP1);
    }

    /** Metric {@code knn_top5}, or null. */
    public Double knnTop5() {
        return metrics.get(LegacyMetrics.KNN_TOP5);
    }

    private double required(String name) {
        Double v = metrics.get(name);
        if (v == null) {
            throw new IllegalStateException(
                    "metric '" + name + "' was not computed (registered: " + metrics.keySet() + ")");
        }
        return v;
    }

    /** Provenance for a manifest or an eval record: protocol version and every hyper-parameter. */
    public Map<String, Object> provenance() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("protocol", EvaluationProtocol.VERSION);
        p.put("linearProbe", probe.toMap());
        p.put("knn", knn.toMap());
        p.put("metrics", java.util.List.copyOf(metrics.keySet()));
        p.put("featureDim", featureDim);
        p.put("trainCount", trainCount);
        p.put("testCount", testCount);
        p.put("numClasses", numClasses);
        if (probeFinalLoss != null) {
            p.put("probeFinalLoss", probeFinalLoss);
        }
        return p;
    }

    /**
     * Fills the protocol's fields of an {@code EvalResult}: every metric, the label-free sample, feature size, counts
     * and timings (the caller adds run, step, checkpoint, eval set, ONNX fields and its own timings).
     */
    public EvalResultBuilder applyTo(EvalResultBuilder builder) {
        builder.optMetrics(metrics);
        if (labelFreeSet != null) {
            builder.optLabelFreeSample(labelFreeSet, labelFreeCount);
        }
        return builder.setFeatureDim(featureDim)
                .setTrainCount(trainCount)
                .setTestCount(testCount)
                .optTimingsMs(timingsMs);
    }
}
