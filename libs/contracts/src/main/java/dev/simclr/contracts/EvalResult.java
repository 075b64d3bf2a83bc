package dev.simclr.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A record of {@link Topics#EVAL} (key: run id): the fixed evaluation protocol's result for one
 * checkpoint, and the ONNX export's parity check.
 *
 * <p>JSON (compact, one line, fields in component order; null top-5 values omitted); unknown
 * fields are ignored when reading. Build with {@link #builder()}.
 *
 * @param runId the training run (same rules as {@link CheckpointEvent#runId()})
 * @param step the checkpoint's step, {@code >= 0}
 * @param checkpointUri the evaluated checkpoint set
 * @param linearTop1 linear-probe top-1 accuracy on the test set, in [0, 1]
 * @param linearTop5 linear-probe top-5 accuracy, in [0, 1] and {@code >= linearTop1}, or null
 * @param knnTop1 kNN top-1 accuracy, in [0, 1]
 * @param knnTop5 kNN top-5 accuracy, in [0, 1] and {@code >= knnTop1}, or null
 * @param evalSet the labelled evaluation set, e.g. {@code fashion-mnist}
 * @param onnxUri where the exported ONNX encoder is
 * @param onnxMaxAbsDiff largest absolute difference between DJL and ONNX Runtime features, {@code
 *     >= 0}
 * @param featureDim encoder output size, {@code >= 1}
 * @param trainCount labelled images the probe and kNN were fitted on, {@code >= 1}
 * @param testCount labelled images they were scored on, {@code >= 1}
 * @param timingsMs wall times in milliseconds by phase (e.g. load, features, linear, knn,
 *     onnxExport, onnxVerify, total), each {@code >= 0}; insertion order kept
 * @param createdAt when the evaluation finished
 */
public record EvalResult(String runId, long step, String checkpointUri, double linearTop1,
    Double linearTop5, double knnTop1, Double knnTop5, String evalSet, String onnxUri,
    double onnxMaxAbsDiff, int featureDim, int trainCount, int testCount,
    Map<String, Long> timingsMs, Instant createdAt) {

  static final String CTX = "eval result";

  /** Validates every component and copies the timings into an unmodifiable ordered map. */
  public EvalResult {
    Checks.runId(CTX, runId);
    Checks.nonNegative(CTX, "step", step);
    Checks.uri(CTX, "checkpointUri", checkpointUri);
    Checks.fraction(CTX, "linearTop1", linearTop1);
    checkTop5("linear", linearTop1, linearTop5);
    Checks.fraction(CTX, "knnTop1", knnTop1);
    checkTop5("knn", knnTop1, knnTop5);
    Checks.tag(CTX, "evalSet", evalSet);
    Checks.uri(CTX, "onnxUri", onnxUri);
    Checks.nonNegative(CTX, "onnxMaxAbsDiff", onnxMaxAbsDiff);
    Checks.atLeast(CTX, "featureDim", featureDim, 1);
    Checks.atLeast(CTX, "trainCount", trainCount, 1);
    Checks.atLeast(CTX, "testCount", testCount, 1);
    timingsMs = copyTimings(Checks.required(CTX, "timingsMs", timingsMs));
    Checks.required(CTX, "createdAt", createdAt);
  }

  private static void checkTop5(String prefix, double top1, Double top5) {
    if (top5 == null) {
      return;
    }
    Checks.fraction(CTX, prefix + "Top5", top5);
    if (top5 < top1) {
      throw Checks.fail(CTX, prefix + "Top5 (" + top5 + ") must be >= " + prefix + "Top1 ("
          + top1 + ")");
    }
  }

  private static Map<String, Long> copyTimings(Map<String, Long> timings) {
    Map<String, Long> copy = new LinkedHashMap<>();
    timings.forEach((name, ms) -> {
      Checks.tag(CTX, "timingsMs key", name);
      Checks.required(CTX, "timingsMs." + name, ms);
      Checks.nonNegative(CTX, "timingsMs." + name, (long) ms);
      copy.put(name, ms);
    });
    return Collections.unmodifiableMap(copy);
  }

  /** A builder; {@code setX} values are required, {@code optX} values optional. */
  public static EvalResultBuilder builder() {
    return new EvalResultBuilder();
  }

  /** Compact one-line JSON. */
  public String toJson() {
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("runId", runId);
    o.put("step", step);
    o.put("checkpointUri", checkpointUri);
    o.put("linearTop1", linearTop1);
    if (linearTop5 != null) {
      o.put("linearTop5", linearTop5);
    }
    o.put("knnTop1", knnTop1);
    if (knnTop5 != null) {
      o.put("knnTop5", knnTop5);
    }
    o.put("evalSet", evalSet);
    o.put("onnxUri", onnxUri);
    o.put("onnxMaxAbsDiff", onnxMaxAbsDiff);
    o.put("featureDim", featureDim);
    o.put("trainCount", trainCount);
    o.put("testCount", testCount);
    ObjectNode t = o.putObject("timingsMs");
    timingsMs.forEach(t::put);
    o.put("createdAt", createdAt.toString());
    return Json.compact(o);
  }

  /**
   * Parses a record value.
   *
   * @throws ContractException naming the missing or invalid field
   */
  public static EvalResult fromJson(String json) {
    return from(JsonFields.parse(CTX, json));
  }

  /**
   * Parses a record value (UTF-8 JSON).
   *
   * @throws ContractException naming the missing or invalid field
   */
  public static EvalResult fromJson(byte[] json) {
    return from(JsonFields.parse(CTX, json));
  }

  private static EvalResult from(JsonFields f) {
    JsonFields t = f.object("timingsMs");
    Map<String, Long> timings = new LinkedHashMap<>();
    for (Iterator<String> names = t.raw().fieldNames(); names.hasNext(); ) {
      String name = names.next();
      JsonNode ms = t.node(name);
      if (ms == null || !ms.isIntegralNumber() || !ms.canConvertToLong()) {
        throw Checks.fail(CTX, "timingsMs." + name + " must be an integer, got "
            + (ms == null ? "null" : JsonFields.echo(ms)));
      }
      timings.put(name, ms.longValue());
    }
    return new EvalResult(f.text("runId"), f.longValue("step"), f.text("checkpointUri"),
        f.doubleValue("linearTop1"), f.optDouble("linearTop5"), f.doubleValue("knnTop1"),
        f.optDouble("knnTop5"), f.text("evalSet"), f.text("onnxUri"),
        f.doubleValue("onnxMaxAbsDiff"), f.intValue("featureDim"), f.intValue("trainCount"),
        f.intValue("testCount"), timings, f.instant("createdAt"));
  }
}
