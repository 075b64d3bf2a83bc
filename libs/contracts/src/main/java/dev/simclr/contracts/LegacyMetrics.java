package dev.simclr.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The six evaluation metrics that {@link EvalResult} carried as top-level JSON fields before it carried named metrics
 * ({@code "metrics": {name: value}}), and those fields. Frozen: writers keep filling these fields from the named
 * metrics so that readers written before named metrics keep working, and readers take them for records that have no
 * {@code metrics}; a metric added later lives only in {@code metrics}. What each metric is and how it is computed is
 * defined by the evaluation library's metric registry, not here.
 */
public final class LegacyMetrics {

    /** Linear-probe top-1 accuracy, legacy field {@code linearTop1} (required in every result). */
    public static final String LINEAR_TOP1 = "linear_top1";

    /** kNN top-1 accuracy, legacy field {@code knnTop1} (required in every result). */
    public static final String KNN_TOP1 = "knn_top1";

    /** Linear-probe top-5 accuracy, legacy field {@code linearTop5}. */
    public static final String LINEAR_TOP5 = "linear_top5";

    /** kNN top-5 accuracy, legacy field {@code knnTop5}. */
    public static final String KNN_TOP5 = "knn_top5";

    /** Alignment of the held-out sample, legacy field {@code alignment}. */
    public static final String ALIGNMENT = "alignment";

    /** Uniformity of the held-out sample, legacy field {@code uniformity}. */
    public static final String UNIFORMITY = "uniformity";

    /** Metric name to its legacy top-level field, in the order of the standard metrics. */
    public static final Map<String, String> FIELDS = fields();

    private LegacyMetrics() {}

    private static Map<String, String> fields() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(LINEAR_TOP1, "linearTop1");
        m.put(KNN_TOP1, "knnTop1");
        m.put(LINEAR_TOP5, "linearTop5");
        m.put(KNN_TOP5, "knnTop5");
        m.put(ALIGNMENT, "alignment");
        m.put(UNIFORMITY, "uniformity");
        return Collections.unmodifiableMap(m);
    }

    /**
     * The metrics of a JSON object that has legacy fields and may have {@code metrics} (e.g. an entry of the
     * evaluator's {@code reference.json}): the {@code metrics} object's numbers, plus every legacy field whose metric
     * is not among them. Values that are not finite numbers are skipped; this is a lenient reader for documents that
     * are not contracts.
     */
    public static Map<String, Double> read(JsonNode object) {
        Map<String, Double> out = new LinkedHashMap<>();
        JsonNode named = object == null ? null : object.get("metrics");
        if (named != null && named.isObject()) {
            named.fields().forEachRemaining(e -> {
                if (e.getValue().isNumber() && Double.isFinite(e.getValue().doubleValue())) {
                    out.put(e.getKey(), e.getValue().doubleValue());
                }
            });
        }
        if (object != null) {
            FIELDS.forEach((name, field) -> {
                JsonNode v = object.get(field);
                if (v != null && v.isNumber() && Double.isFinite(v.doubleValue())) {
                    out.putIfAbsent(name, v.doubleValue());
                }
            });
        }
        return out;
    }
}
