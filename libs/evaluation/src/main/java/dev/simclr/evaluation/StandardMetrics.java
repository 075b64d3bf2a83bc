package dev.simclr.evaluation;

import dev.simclr.contracts.LegacyMetrics;
import dev.simclr.contracts.MetricDescription;
import dev.simclr.contracts.MetricDescription.Direction;
import dev.simclr.contracts.MetricDescription.Unit;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The standard evaluation metrics, defined once: each is its description and its computation. To add a metric, define
 * it here and add it to {@link #ALL} (the order is the order of results, charts and CLI lines). See
 * {@code docs/evaluation.md} section 6.
 */
public final class StandardMetrics {

    private static final String TOP1 = "top-1 accuracy";
    private static final String TOP5 = "top-5 accuracy";
    private static final String LABEL_FREE = "representation without labels";

    /** Linear-probe top-1 accuracy on the test split. */
    public static final EvaluationMetric LINEAR_TOP1 = EvaluationMetric.of(
            accuracy(
                    LegacyMetrics.LINEAR_TOP1,
                    "linear top-1",
                    TOP1,
                    "linear",
                    "Linear-probe top-1 "
                            + "accuracy on the test split: multinomial logistic regression (L-BFGS) on standardised "
                            + "features of the train split."),
            c -> OptionalDouble.of(c.linearProbe().top1()));

    /** Weighted-kNN top-1 accuracy on the test split. */
    public static final EvaluationMetric KNN_TOP1 = EvaluationMetric.of(
            accuracy(
                    LegacyMetrics.KNN_TOP1,
                    "kNN top-1",
                    TOP1,
                    "kNN",
                    "Weighted kNN top-1 accuracy on "
                            + "the test split: cosine similarity to the train split's features, temperature-weighted "
                            + "votes of the nearest neighbours."),
            c -> OptionalDouble.of(c.knn().top1()));

    /** Linear-probe top-5 accuracy, only with more than 5 classes. */
    public static final EvaluationMetric LINEAR_TOP5 = EvaluationMetric.of(
            accuracy(
                    LegacyMetrics.LINEAR_TOP5,
                    "linear top-5",
                    TOP5,
                    null,
                    "Linear-probe top-5 " + "accuracy on the test split (only with more than 5 classes)."),
            c -> optional(c.linearProbe().top5()));

    /** Weighted-kNN top-5 accuracy, only with more than 5 classes. */
    public static final EvaluationMetric KNN_TOP5 = EvaluationMetric.of(
            accuracy(
                    LegacyMetrics.KNN_TOP5,
                    "kNN top-5",
                    TOP5,
                    null,
                    "Weighted kNN top-5 accuracy on " + "the test split (only with more than 5 classes)."),
            c -> optional(c.knn().top5()));

    /** Alignment of the held-out sample (Wang and Isola 2020), only with a sample. */
    public static final EvaluationMetric ALIGNMENT = EvaluationMetric.of(
            MetricDescription.builder()
                    .setName(LegacyMetrics.ALIGNMENT)
                    .setLabel("alignment")
                    .setDescription("Mean squared distance between the L2-normalised features of two "
                            + "augmented views of each held-out image (alpha 2), in [0, 4].")
                    .optGroup(LABEL_FREE)
                    .setUnit(Unit.NUMBER)
                    .optDecimals(3)
                    .setDirection(Direction.LOWER)
                    .optSummaryLabel("alignment")
                    .build(),
            c -> c.labelFree().map(r -> OptionalDouble.of(r.alignment())).orElse(OptionalDouble.empty()));

    /** Uniformity of the held-out sample (Wang and Isola 2020), only with a sample. */
    public static final EvaluationMetric UNIFORMITY = EvaluationMetric.of(
            MetricDescription.builder()
                    .setName(LegacyMetrics.UNIFORMITY)
                    .setLabel("uniformity")
                    .setDescription("Log of the mean exp(-2 |f_i - f_j|^2) over pairs of L2-normalised "
                            + "features of distinct held-out images; lower is more uniform.")
                    .optGroup(LABEL_FREE)
                    .setUnit(Unit.NUMBER)
                    .optDecimals(3)
                    .setDirection(Direction.LOWER)
                    .optSummaryLabel("uniformity")
                    .build(),
            c -> c.labelFree().map(r -> OptionalDouble.of(r.uniformity())).orElse(OptionalDouble.empty()));

    /** Every standard metric, in order. */
    public static final List<EvaluationMetric> ALL =
            List.of(LINEAR_TOP1, KNN_TOP1, LINEAR_TOP5, KNN_TOP5, ALIGNMENT, UNIFORMITY);

    private StandardMetrics() {}

    private static MetricDescription accuracy(
            String name, String label, String group, String summaryLabel, String description) {
        return MetricDescription.builder()
                .setName(name)
                .setLabel(label)
                .setDescription(description)
                .optGroup(group)
                .setUnit(Unit.FRACTION)
                .optDecimals(1)
                .setDirection(Direction.HIGHER)
                .optNeedsLabels(true)
                .optSummaryLabel(summaryLabel)
                .build();
    }

    private static OptionalDouble optional(Double v) {
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }
}
