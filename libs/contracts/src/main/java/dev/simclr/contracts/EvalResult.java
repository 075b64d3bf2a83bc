package dev.simclr.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collections;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A record of {@link Topics#EVAL} (key: run id): the fixed evaluation protocol's result for one
 * checkpoint, and the ONNX export's parity check.
 *
 * <p>JSON (compact, one line, fields in component order; null optional values and an empty
 * mismatch list omitted); unknown fields are ignored when reading. Build with {@link #builder()}.
 * The label-free measures and the mismatch list were added later as optional fields: records
 * without them (older evaluators) read as null / empty.
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
 * @param alignment label-free: mean squared distance between the L2-normalised features of two
 *     augmented views of each held-out image (Wang and Isola 2020, alpha 2), in [0, 4]; lower is
 *     better; or null
 * @param uniformity label-free: log of the mean Gaussian potential {@code exp(-2 |f_i - f_j|²)}
 *     over pairs of L2-normalised features of the held-out images, in {@code [-4 - 4 / (n - 1), 0]}
 *     for n images (about -4 at best for large samples); lower is more uniform; or null
 * @param labelFreeSet where the held-out images of the label-free measures come from, e.g. {@code
 *     photos-holdout} or {@code fashion-mnist/test}; set with the measures
 * @param labelFreeCount held-out images the label-free measures used, {@code >= 2}; set with them
 * @param evalSetMismatch how the run's images differ from the evaluation set (channels, size,
 *     domain), one readable line each; empty when they match (or nothing is known)
 */
public record EvalResult(String runId, long step, String checkpointUri, double linearTop1,
    Double linearTop5, double knnTop1, Double knnTop5, String evalSet, String onnxUri,
    double onnxMaxAbsDiff, int featureDim, int trainCount, int testCount,
    Map<String, Long> timingsMs, Instant createdAt, Double alignment, Double uniformity,
    String labelFreeSet, Integer labelFreeCount, List<String> evalSetMismatch) {

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
    checkLabelFree(alignment, uniformity, labelFreeSet, labelFreeCount);
    evalSetMismatch = copyMismatch(evalSetMismatch);
  }

  private static void checkLabelFree(Double alignment, Double uniformity, String set, Integer count) {
    if ((alignment == null) != (uniformity == null) || (alignment == null) != (set == null)
        || (alignment == null) != (count == null)) {
      throw Checks.fail(CTX, "alignment, uniformity, labelFreeSet and labelFreeCount go together: all or none");
    }
    if (alignment == null) {
      return;
    }
    if (!(alignment >= 0 && alignment <= 4.0 + 1e-9)) {
      throw Checks.fail(CTX, "alignment must be in [0, 4], got " + alignment);
    }
    Checks.tag(CTX, "labelFreeSet", set);
    Checks.atLeast(CTX, "labelFreeCount", count, 2);
    double lowest = -4.0 - 4.0 / (count - 1);
    if (!(uniformity >= lowest - 1e-9 && uniformity <= 1e-9)) {
      throw Checks.fail(CTX, "uniformity must be in [" + lowest + ", 0] for " + count + " images, got " + uniformity);
    }
  }

  private static List<String> copyMismatch(List<String> lines) {
    if (lines == null) {
      return List.of();
    }
    for (String line : lines) {
      Checks.required(CTX, "evalSetMismatch item", line);
      if (line.isBlank() || line.length() > 512) {
        throw Checks.fail(CTX, "evalSetMismatch items must be 1..512 characters, got " + Text.quote(line));
      }
    }
    return List.copyOf(lines);
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
    if (alignment != null) {
      o.put("alignment", alignment);
      o.put("uniformity", uniformity);
      o.put("labelFreeSet", labelFreeSet);
      o.put("labelFreeCount", labelFreeCount);
    }
    if (!evalSetMismatch.isEmpty()) {
      evalSetMismatch.forEach(o.putArray("evalSetMismatch")::add);
    }
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
    List<String> mismatch = new ArrayList<>();
    JsonNode m = f.node("evalSetMismatch");
    if (m != null) {
      if (!m.isArray()) {
        throw Checks.fail(CTX, "evalSetMismatch must be an array of strings, got " + JsonFields.echo(m));
      }
      for (JsonNode item : m) {
        if (!item.isTextual()) {
          throw Checks.fail(CTX, "evalSetMismatch must be an array of strings, got " + JsonFields.echo(m));
        }
        mismatch.add(item.textValue());
      }
    }
    return new EvalResult(f.text("runId"), f.longValue("step"), f.text("checkpointUri"),
        f.doubleValue("linearTop1"), f.optDouble("linearTop5"), f.doubleValue("knnTop1"),
        f.optDouble("knnTop5"), f.text("evalSet"), f.text("onnxUri"),
        f.doubleValue("onnxMaxAbsDiff"), f.intValue("featureDim"), f.intValue("trainCount"),
        f.intValue("testCount"), timings, f.instant("createdAt"), f.optDouble("alignment"),
        f.optDouble("uniformity"), f.optText("labelFreeSet"), optInt(f, "labelFreeCount"), mismatch);
  }

  private static Integer optInt(JsonFields f, String name) {
    return f.node(name) == null ? null : f.intValue(name);
  }
}
