package dev.simclr.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What an evaluation metric is, for everything that shows one: its name (the key in {@link EvalResult#metrics()}), a
 * short label, a sentence, the chart it is drawn in, how its value is written, which direction is better and whether it
 * needs labels. The evaluator serves the descriptions of its metrics ({@code GET /api/metrics}); the dashboard and the
 * CLI label and format values with them instead of knowing any metric. Build with {@link #builder()}.
 *
 * @param name the metric's key: 1..64 of {@code [a-z0-9_]}, starting with a letter (e.g. {@code linear_top1})
 * @param label a short label for lines and legends, e.g. {@code linear top-1}
 * @param description one or two sentences: what is measured, on what
 * @param group metrics of one group are drawn in one chart, titled by the group (e.g. {@code top-1 accuracy})
 * @param unit {@link Unit#FRACTION} (a share in [0, 1], written as a percentage) or {@link Unit#NUMBER}
 * @param decimals digits after the decimal point when written (of the percentage for a fraction), 0..10
 * @param direction which way is better
 * @param needsLabels true: computed on the labelled evaluation set ({@code evalSet}); false: on the held-out sample
 *     without labels ({@code labelFreeSet})
 * @param summaryLabel the label in one-line summaries ({@code simclr watch} lines, the demo's summary, the dashboard's
 *     status line), e.g. {@code kNN}; null: the metric is left out of them (it still is in the result, charts and
 *     gauges)
 */
public record MetricDescription(
        String name,
        String label,
        String description,
        String group,
        Unit unit,
        int decimals,
        Direction direction,
        boolean needsLabels,
        String summaryLabel) {

    static final String CTX = "metric description";

    /** How a value is written. */
    public enum Unit {
        /** A share in [0, 1], written as a percentage: {@code 0.8412 -> 84.1%}. */
        FRACTION,
        /** A plain number: {@code -2.8811 -> -2.881}. */
        NUMBER;

        /** The JSON value: {@code fraction} or {@code number}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Which way is better. */
    public enum Direction {
        /** Larger values are better (accuracies). */
        HIGHER,
        /** Smaller values are better (alignment, uniformity). */
        LOWER;

        /** The JSON value: {@code higher} or {@code lower}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Validates every component. */
    public MetricDescription {
        Checks.metricName(CTX, "name", name);
        Checks.tag(CTX, "label", label);
        Checks.required(CTX, "description", description);
        if (description.isBlank() || description.length() > 512) {
            throw Checks.fail(CTX, "description must be 1..512 characters, got " + Text.quote(description));
        }
        Checks.tag(CTX, "group", group);
        Checks.required(CTX, "unit", unit);
        if (decimals < 0 || decimals > 10) {
            throw Checks.fail(CTX, "decimals must be in [0, 10], got " + decimals);
        }
        Checks.required(CTX, "direction", direction);
        if (summaryLabel != null) {
            Checks.tag(CTX, "summaryLabel", summaryLabel);
        }
    }

    /** True when the metric appears in one-line summaries ({@link #summaryLabel()} is set). */
    public boolean inSummary() {
        return summaryLabel != null;
    }

    /** A builder; {@code setX} values are required, {@code optX} values optional. */
    public static Builder builder() {
        return new Builder();
    }

    /** The value as written for people: {@code 84.1%} for a fraction, {@code -2.881} for a number. */
    public String format(double value) {
        return unit == Unit.FRACTION
                ? String.format(Locale.ROOT, "%." + decimals + "f%%", value * 100)
                : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** True when {@code a} is better than {@code b} in this metric's direction. */
    public boolean better(double a, double b) {
        return direction == Direction.HIGHER ? a > b : a < b;
    }

    /** Compact one-line JSON. */
    public String toJson() {
        return Json.compact(node());
    }

    /** {@code {"metrics": [description, ...]}}, the body of the evaluator's {@code /api/metrics}. */
    public static String listToJson(List<MetricDescription> descriptions) {
        ObjectNode o = Json.mapper().createObjectNode();
        ArrayNode a = o.putArray("metrics");
        descriptions.forEach(d -> a.add(d.node()));
        return Json.compact(o);
    }

    /**
     * Parses one description.
     *
     * @throws ContractException naming the missing or invalid field
     */
    public static MetricDescription fromJson(String json) {
        return from(JsonFields.parse(CTX, json));
    }

    /**
     * Parses {@code {"metrics": [description, ...]}}; names must be unique.
     *
     * @throws ContractException naming the missing or invalid field
     */
    public static List<MetricDescription> listFromJson(byte[] json) {
        JsonFields f = JsonFields.parse(CTX, json);
        List<MetricDescription> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode item : f.array("metrics")) {
            MetricDescription d = from(JsonFields.nested(CTX, "metrics[" + out.size() + "]", item));
            if (!names.add(d.name())) {
                throw Checks.fail(CTX, "metric " + Text.quote(d.name()) + " is described twice");
            }
            out.add(d);
        }
        return List.copyOf(out);
    }

    private ObjectNode node() {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("name", name);
        o.put("label", label);
        o.put("description", description);
        o.put("group", group);
        o.put("unit", unit.id());
        o.put("decimals", decimals);
        o.put("direction", direction.id());
        o.put("needsLabels", needsLabels);
        if (summaryLabel != null) {
            o.put("summaryLabel", summaryLabel);
        }
        return o;
    }

    private static MetricDescription from(JsonFields f) {
        return new MetricDescription(
                f.text("name"),
                f.text("label"),
                f.text("description"),
                f.text("group"),
                parse(Unit.values(), "unit", f.text("unit")),
                f.intValue("decimals"),
                parse(Direction.values(), "direction", f.text("direction")),
                f.booleanValue("needsLabels"),
                f.optText("summaryLabel"));
    }

    private static <E extends Enum<E>> E parse(E[] values, String field, String id) {
        List<String> ids = new ArrayList<>();
        for (E v : values) {
            String vid = v.name().toLowerCase(Locale.ROOT);
            if (vid.equals(id)) {
                return v;
            }
            ids.add(vid);
        }
        throw Checks.fail(CTX, field + " must be one of " + String.join(", ", ids) + ", got " + Text.quote(id));
    }

    /** Builds a {@link MetricDescription}. */
    public static final class Builder {
        private String name;
        private String label;
        private String description;
        private String group;
        private Unit unit;
        private Integer decimals;
        private Direction direction;
        private boolean needsLabels;
        private String summaryLabel;

        private Builder() {}

        public Builder setName(String name) {
            this.name = name;
            return this;
        }

        public Builder setLabel(String label) {
            this.label = label;
            return this;
        }

        public Builder setDescription(String description) {
            this.description = description;
            return this;
        }

        public Builder setUnit(Unit unit) {
            this.unit = unit;
            return this;
        }

        public Builder setDirection(Direction direction) {
            this.direction = direction;
            return this;
        }

        /** The chart the metric is drawn in (default: its label, a chart of its own). */
        public Builder optGroup(String group) {
            this.group = group;
            return this;
        }

        /** Digits after the decimal point (default 1 for a fraction's percentage, 3 for a number). */
        public Builder optDecimals(int decimals) {
            this.decimals = decimals;
            return this;
        }

        /** Whether the metric needs the labelled evaluation set (default false). */
        public Builder optNeedsLabels(boolean needsLabels) {
            this.needsLabels = needsLabels;
            return this;
        }

        /** The label in one-line summaries (default none: left out of them). */
        public Builder optSummaryLabel(String summaryLabel) {
            this.summaryLabel = summaryLabel;
            return this;
        }

        /**
         * Builds and validates the description.
         *
         * @throws ContractException naming the first missing or invalid value
         */
        public MetricDescription build() {
            Checks.required(CTX, "unit", unit);
            return new MetricDescription(
                    name,
                    label,
                    description,
                    group == null ? label : group,
                    unit,
                    decimals != null ? decimals : unit == Unit.FRACTION ? 1 : 3,
                    direction,
                    needsLabels,
                    summaryLabel);
        }
    }
}
