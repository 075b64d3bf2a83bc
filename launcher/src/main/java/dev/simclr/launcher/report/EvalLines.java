package dev.simclr.launcher.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.simclr.contracts.Durations;
import dev.simclr.contracts.EvalResult;
import dev.simclr.contracts.MetricDescription;
import java.util.Locale;
import java.util.Map;

/** Readable one-liners for evaluation results and training progress. */
public final class EvalLines {

    private EvalLines() {}

    /**
     * One evaluation result, e.g. {@code eval demo step 400: linear 84.1% kNN 80.0% ONNX max|diff| 2.4e-06 (features
     * 71s, probe 14s, kNN 9s, total 101s) fashion-mnist; alignment 0.612 uniformity -3.105 (1000 images of
     * fashion-mnist/test)}, plus one indented line per way the run's images differ from the evaluation set. The metrics
     * are those of the result that have a summary label in {@code metrics}, in the result's order: the ones measured on
     * the evaluation set after the step, the ones without labels with their sample.
     */
    public static String eval(EvalResult r, MetricCatalog metrics) {
        Map<String, Long> t = r.timingsMs();
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "eval %s step %d: ", r.runId(), r.step()));
        String labelled = summary(r, metrics, true, "  ");
        s.append(labelled)
                .append(labelled.isEmpty() ? "" : "  ")
                .append(String.format(Locale.ROOT, "ONNX max|diff| %.1e", r.onnxMaxAbsDiff()));
        s.append("  (");
        appendTiming(s, t, "features", "features");
        appendTiming(s, t, "linear", "probe");
        appendTiming(s, t, "knn", "kNN");
        appendTiming(s, t, "total", "total");
        if (s.charAt(s.length() - 1) == '(') {
            s.setLength(s.length() - 3);
        } else {
            s.setLength(s.length() - 2);
            s.append(')');
        }
        s.append(' ').append(r.evalSet());
        String labelFree = summary(r, metrics, false, " ");
        if (!labelFree.isEmpty()) {
            s.append("; ").append(labelFree);
            if (r.labelFreeSet() != null) {
                s.append(String.format(Locale.ROOT, " (%d images of %s)", r.labelFreeCount(), r.labelFreeSet()));
            }
        }
        for (String line : r.evalSetMismatch()) {
            s.append(System.lineSeparator())
                    .append("  differs from the run's images: ")
                    .append(line);
        }
        return s.toString();
    }

    /** {@code linear 84.1% kNN 80.0%}: the result's metrics that have a summary label and need labels (or not). */
    static String summary(EvalResult r, MetricCatalog metrics, boolean needsLabels, String separator) {
        StringBuilder s = new StringBuilder();
        r.metrics().forEach((name, value) -> {
            MetricDescription d = metrics.describe(name);
            if (d.inSummary() && d.needsLabels() == needsLabels) {
                s.append(s.length() == 0 ? "" : separator)
                        .append(d.summaryLabel())
                        .append(' ')
                        .append(d.format(value));
            }
        });
        return s.toString();
    }

    private static void appendTiming(StringBuilder s, Map<String, Long> t, String key, String label) {
        Long ms = t.get(key);
        if (ms != null) {
            s.append(label)
                    .append(' ')
                    .append(String.format(Locale.ROOT, ms < 10_000 ? "%.1fs" : "%.0fs", ms / 1000.0))
                    .append(", ");
        }
    }

    /**
     * One progress record of {@code simclr.progress} (JSON fields runId, step, totalSteps, epoch, loss, lr,
     * viewsPerSecond, etaSeconds, paused), e.g. {@code train demo step 180/640 (28%): loss 4.912, lr 0.2810, 252
     * views/s, epoch 0.38, ETA 7m40s}.
     */
    public static String progress(JsonNode p) {
        long step = p.path("step").asLong();
        long total = p.path("totalSteps").asLong(0);
        StringBuilder s = new StringBuilder("train ")
                .append(p.path("runId").asText("?"))
                .append(" step ")
                .append(step);
        if (total > 0) {
            s.append('/').append(total).append(String.format(Locale.ROOT, " (%.0f%%)", 100.0 * step / total));
        }
        s.append(':');
        if (p.hasNonNull("loss")) {
            s.append(String.format(Locale.ROOT, " loss %.3f,", p.get("loss").asDouble()));
        }
        if (p.hasNonNull("lr")) {
            s.append(String.format(Locale.ROOT, " lr %.4f,", p.get("lr").asDouble()));
        }
        if (p.hasNonNull("viewsPerSecond")) {
            s.append(String.format(
                    Locale.ROOT, " %.0f views/s,", p.get("viewsPerSecond").asDouble()));
        }
        if (p.hasNonNull("epoch")) {
            s.append(String.format(Locale.ROOT, " epoch %s,", p.get("epoch").asText()));
        }
        if (p.path("paused").asBoolean(false)) {
            s.append(" input paused,");
        }
        if (p.hasNonNull("etaSeconds")) {
            s.append(" ETA ")
                    .append(Durations.compact(
                            java.time.Duration.ofSeconds(p.get("etaSeconds").asLong())));
        } else if (s.charAt(s.length() - 1) == ',') {
            s.setLength(s.length() - 1);
        }
        return s.toString();
    }
}
