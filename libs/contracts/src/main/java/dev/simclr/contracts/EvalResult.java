package dev.simclr.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * A record of {@link Topics#EVAL} (key: run id): the fixed evaluation protocol's result for one checkpoint, and the
 * ONNX export's parity check.
 *
 * <p>The measured values are named metrics ({@link #metrics()}, JSON {@code "metrics": {name: value}}), described by
 * the evaluator's metric registry ({@link MetricDescription}). The metrics that existed before ({@link LegacyMetrics})
 * are also written as their old top-level fields ({@code linearTop1}, ...), so readers written before named metrics
 * keep working, and records that have only those fields read as these metrics; a metric name this reader does not know
 * passes through unchanged.
 *
 * <p>JSON (compact, one line, fields in a fixed order, {@code metrics} last; null optional values and an empty mismatch
 * list omitted); unknown fields are ignored when reading. Build with {@link #builder()}. The label-free sample and the
 * mismatch list were added later as optional fields: records without them (older evaluators) read as null / empty.
 *
 * @param runId the training run (same rules as {@link CheckpointEvent#runId()})
 * @param step the checkpoint's step, {@code >= 0}
 * @param checkpointUri the evaluated checkpoint set
 * @param metrics metric name to value, in the evaluator's order: names 1..64 of {@code [a-z0-9_]} starting with a
 *     letter, values finite; {@code linear_top1} and {@code knn_top1} are required and the {@link LegacyMetrics} keep
 *     their documented ranges (accuracies in [0, 1], top-5 {@code >=} top-1, alignment in [0, 4], uniformity in
 *     {@code [-4 - 4 / (n - 1), 0]} for n = {@code labelFreeCount})
 * @param evalSet the labelled evaluation set, e.g. {@code fashion-mnist}
 * @param onnxUri where the exported ONNX encoder is
 * @param onnxMaxAbsDiff largest absolute difference between DJL and ONNX Runtime features, {@code >= 0}
 * @param featureDim encoder output size, {@code >= 1}
 * @param trainCount labelled images the probe and kNN were fitted on, {@code >= 1}
 * @param testCount labelled images they were scored on, {@code >= 1}
 * @param timingsMs wall times in milliseconds by phase (e.g. load, features, linear, knn, onnxExport, onnxVerify,
 *     total), each {@code >= 0}; insertion order kept
 * @param createdAt when the evaluation finished
 * @param labelFreeSet where the held-out images of the label-free metrics come from, e.g. {@code photos-holdout} or
 *     {@code fashion-mnist/test}; present exactly when alignment and uniformity are
 * @param labelFreeCount held-out images the label-free metrics used, {@code >= 2}; set with them
 * @param evalSetMismatch how the run's images differ from the evaluation set (channels, size, domain), one readable
 *     line each; empty when they match (or nothing is known)
 */
public record EvalResult(
        String runId,
        long step,
        String checkpointUri,
        Map<String, Double> metrics,
        String evalSet,
        String onnxUri,
        double onnxMaxAbsDiff,
        int featureDim,
        int trainCount,
        int testCount,
        Map<String, Long> timingsMs,
        Instant createdAt,
        String labelFreeSet,
        Integer labelFreeCount,
        List<String> evalSetMismatch) {

    static final String CTX = "eval result";

    /** Validates every component and copies the maps into unmodifiable ordered maps. */
    public EvalResult {
        Checks.runId(CTX, runId);
        Checks.nonNegative(CTX, "step", step);
        Checks.uri(CTX, "checkpointUri", checkpointUri);
        metrics = copyMetrics(Checks.required(CTX, "metrics", metrics));
        Checks.tag(CTX, "evalSet", evalSet);
        Checks.uri(CTX, "onnxUri", onnxUri);
        Checks.nonNegative(CTX, "onnxMaxAbsDiff", onnxMaxAbsDiff);
        Checks.atLeast(CTX, "featureDim", featureDim, 1);
        Checks.atLeast(CTX, "trainCount", trainCount, 1);
        Checks.atLeast(CTX, "testCount", testCount, 1);
        timingsMs = copyTimings(Checks.required(CTX, "timingsMs", timingsMs));
        Checks.required(CTX, "createdAt", createdAt);
        checkLegacy(metrics, labelFreeSet, labelFreeCount);
        evalSetMismatch = copyMismatch(evalSetMismatch);
    }

    /** The value of metric {@code name}, if this result has it. */
    public OptionalDouble metric(String name) {
        Double v = metrics.get(name);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /** Legacy view of metric {@code linear_top1} (always present). */
    public double linearTop1() {
        return metrics.get(LegacyMetrics.LINEAR_TOP1);
    }

    /** Legacy view of metric {@code linear_top5}, or null. */
    public Double linearTop5() {
        return metrics.get(LegacyMetrics.LINEAR_TOP5);
    }

    /** Legacy view of metric {@code knn_top1} (always present). */
    public double knnTop1() {
        return metrics.get(LegacyMetrics.KNN_TOP1);
    }

    /** Legacy view of metric {@code knn_top5}, or null. */
    public Double knnTop5() {
        return metrics.get(LegacyMetrics.KNN_TOP5);
    }

    /** Legacy view of metric {@code alignment}, or null. */
    public Double alignment() {
        return metrics.get(LegacyMetrics.ALIGNMENT);
    }

    /** Legacy view of metric {@code uniformity}, or null. */
    public Double uniformity() {
        return metrics.get(LegacyMetrics.UNIFORMITY);
    }

    private static Map<String, Double> copyMetrics(Map<String, Double> metrics) {
        Map<String, Double> copy = new LinkedHashMap<>();
        metrics.forEach((name, value) -> {
            Checks.metricName(CTX, "metric name", name);
            Checks.required(CTX, "metrics." + name, value);
            Checks.finite(CTX, "metrics." + name, value);
            copy.put(name, value);
        });
        return Collections.unmodifiableMap(copy);
    }

    /** The documented rules of the legacy metrics, which old readers still apply to their fields. */
    private static void checkLegacy(Map<String, Double> m, String set, Integer count) {
        for (String name : List.of(LegacyMetrics.LINEAR_TOP1, LegacyMetrics.KNN_TOP1)) {
            if (!m.containsKey(name)) {
                throw Checks.fail(
                        CTX,
                        "'" + name + "' is required (in 'metrics', or as the legacy field '"
                                + LegacyMetrics.FIELDS.get(name) + "')");
            }
        }
        for (String name : List.of(
                LegacyMetrics.LINEAR_TOP1, LegacyMetrics.KNN_TOP1, LegacyMetrics.LINEAR_TOP5, LegacyMetrics.KNN_TOP5)) {
            if (m.containsKey(name)) {
                Checks.fraction(CTX, legacyName(name), m.get(name));
            }
        }
        checkTop5(m, LegacyMetrics.LINEAR_TOP1, LegacyMetrics.LINEAR_TOP5);
        checkTop5(m, LegacyMetrics.KNN_TOP1, LegacyMetrics.KNN_TOP5);
        checkLabelFree(m.get(LegacyMetrics.ALIGNMENT), m.get(LegacyMetrics.UNIFORMITY), set, count);
    }

    /** {@code linear_top1 (linearTop1)}: the metric and the legacy field, for messages. */
    private static String legacyName(String name) {
        return name + " (" + LegacyMetrics.FIELDS.get(name) + ")";
    }

    private static void checkTop5(Map<String, Double> m, String top1, String top5) {
        Double five = m.get(top5);
        if (five != null && five < m.get(top1)) {
            throw Checks.fail(CTX, top5 + " (" + five + ") must be >= " + top1 + " (" + m.get(top1) + ")");
        }
    }

    private static void checkLabelFree(Double alignment, Double uniformity, String set, Integer count) {
        if ((alignment == null) != (uniformity == null)
                || (alignment == null) != (set == null)
                || (alignment == null) != (count == null)) {
            throw Checks.fail(
                    CTX, "alignment, uniformity, labelFreeSet and labelFreeCount go together: " + "all or none");
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
            throw Checks.fail(
                    CTX, "uniformity must be in [" + lowest + ", 0] for " + count + " images, got " + uniformity);
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

    /**
     * Compact one-line JSON: the legacy metric fields in their old places, {@code metrics} (every metric, in order)
     * last.
     */
    public String toJson() {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("runId", runId);
        o.put("step", step);
        o.put("checkpointUri", checkpointUri);
        for (String name : List.of(
                LegacyMetrics.LINEAR_TOP1, LegacyMetrics.LINEAR_TOP5, LegacyMetrics.KNN_TOP1, LegacyMetrics.KNN_TOP5)) {
            if (metrics.containsKey(name)) {
                o.put(LegacyMetrics.FIELDS.get(name), metrics.get(name));
            }
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
        if (labelFreeSet != null) {
            o.put("alignment", alignment());
            o.put("uniformity", uniformity());
            o.put("labelFreeSet", labelFreeSet);
            o.put("labelFreeCount", labelFreeCount);
        }
        if (!evalSetMismatch.isEmpty()) {
            evalSetMismatch.forEach(o.putArray("evalSetMismatch")::add);
        }
        ObjectNode m = o.putObject("metrics");
        metrics.forEach(m::put);
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
                throw Checks.fail(
                        CTX,
                        "timingsMs." + name + " must be an integer, got "
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
        return new EvalResult(
                f.text("runId"),
                f.longValue("step"),
                f.text("checkpointUri"),
                metrics(f),
                f.text("evalSet"),
                f.text("onnxUri"),
                f.doubleValue("onnxMaxAbsDiff"),
                f.intValue("featureDim"),
                f.intValue("trainCount"),
                f.intValue("testCount"),
                timings,
                f.instant("createdAt"),
                f.optText("labelFreeSet"),
                optInt(f, "labelFreeCount"),
                mismatch);
    }

    /**
     * The {@code metrics} object (order kept, unknown names included), plus every legacy field whose metric it lacks; a
     * legacy field must agree with its metric when both are there.
     */
    private static Map<String, Double> metrics(JsonFields f) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (f.node("metrics") != null) {
            JsonFields named = f.object("metrics");
            for (Iterator<String> names = named.raw().fieldNames(); names.hasNext(); ) {
                String name = names.next();
                Checks.metricName(CTX, "metric name", name);
                Double value = named.optDouble(name);
                if (value == null) {
                    throw Checks.fail(CTX, "metrics." + name + " must be a number, got null");
                }
                metrics.put(name, value);
            }
        }
        LegacyMetrics.FIELDS.forEach((name, field) -> {
            Double legacy = f.optDouble(field);
            Double named = metrics.get(name);
            if (legacy != null && named == null) {
                metrics.put(name, legacy);
            } else if (legacy != null && Double.compare(legacy, named) != 0) {
                throw Checks.fail(CTX, field + " (" + legacy + ") disagrees with metrics." + name + " (" + named + ")");
            }
        });
        return metrics;
    }

    private static Integer optInt(JsonFields f, String name) {
        return f.node(name) == null ? null : f.intValue(name);
    }
}
