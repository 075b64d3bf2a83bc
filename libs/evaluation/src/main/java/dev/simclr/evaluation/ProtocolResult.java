package dev.simclr.evaluation;

import dev.simclr.contracts.EvalResultBuilder;
import dev.simclr.contracts.LegacyMetrics;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The protocol's result for one feature set.
 *
 * @param linearTop1 linear-probe top-1 accuracy on the test split
 * @param linearTop5 linear-probe top-5 accuracy, null when there are at most 5 classes
 * @param knnTop1 kNN top-1 accuracy
 * @param knnTop5 kNN top-5 accuracy, null when there are at most 5 classes
 * @param featureDim feature size
 * @param trainCount train features the probe and kNN were fitted on
 * @param testCount test features they were scored on
 * @param numClasses classes
 * @param probeFinalLoss the probe's final train objective (mean cross-entropy + L2 term)
 * @param timingsMs wall times in ms by phase: {@code features} (only from {@link
 *     EvaluationProtocol#evaluate}), {@code standardize}, {@code linear}, {@code knn}, {@code total}
 * @param probe the probe's hyper-parameters
 * @param knn the kNN's hyper-parameters
 */
public record ProtocolResult(double linearTop1, Double linearTop5, double knnTop1,
    Double knnTop5, int featureDim, int trainCount, int testCount, int numClasses,
    double probeFinalLoss, Map<String, Long> timingsMs, ProbeConfig probe, KnnConfig knn) {

  /** Copies the timings (order kept). */
  public ProtocolResult {
    timingsMs = Collections.unmodifiableMap(new LinkedHashMap<>(timingsMs));
  }

  /**
   * Provenance for a manifest or an eval record: protocol version and every hyper-parameter.
   */
  public Map<String, Object> provenance() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("protocol", EvaluationProtocol.VERSION);
    p.put("linearProbe", probe.toMap());
    p.put("knn", knn.toMap());
    p.put("featureDim", featureDim);
    p.put("trainCount", trainCount);
    p.put("testCount", testCount);
    p.put("numClasses", numClasses);
    p.put("probeFinalLoss", probeFinalLoss);
    return p;
  }

  /**
   * Fills the protocol's fields of an {@code EvalResult}: accuracies, feature size, counts and
   * timings (the caller adds run, step, checkpoint, eval set, ONNX fields and its own timings).
   */
  public EvalResultBuilder applyTo(EvalResultBuilder builder) {
    builder.optMetric(LegacyMetrics.LINEAR_TOP1, linearTop1).optMetric(LegacyMetrics.KNN_TOP1, knnTop1);
    if (linearTop5 != null) {
      builder.optMetric(LegacyMetrics.LINEAR_TOP5, linearTop5);
    }
    if (knnTop5 != null) {
      builder.optMetric(LegacyMetrics.KNN_TOP5, knnTop5);
    }
    return builder.setFeatureDim(featureDim).setTrainCount(trainCount).setTestCount(testCount)
        .optTimingsMs(timingsMs);
  }
}
