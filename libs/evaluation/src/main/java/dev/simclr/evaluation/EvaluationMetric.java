package dev.simclr.evaluation;

import dev.simclr.contracts.MetricDescription;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * One evaluation metric: what it is ({@link MetricDescription}, the one place its name, label, unit and direction are
 * written) and how it is computed from the protocol's inputs. Register it in a {@link MetricRegistry}; the protocol
 * computes every registered metric and the result, the evaluator's gauges, the dashboard and the CLI follow its name.
 * See {@link StandardMetrics}.
 */
public interface EvaluationMetric {

    /** What the metric is; its name is the key in {@code EvalResult.metrics}. */
    MetricDescription description();

    /**
     * The value on {@code context}, or empty when the metric does not apply (e.g. top-5 with at most 5 classes, a
     * label-free metric without a held-out sample). Must be finite.
     */
    OptionalDouble compute(MetricContext context);

    /** The metric's name, {@code description().name()}. */
    default String name() {
        return description().name();
    }

    /** A metric from its description and a computation. */
    static EvaluationMetric of(MetricDescription description, Function<MetricContext, OptionalDouble> compute) {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(compute, "compute");
        return new EvaluationMetric() {
            @Override
            public MetricDescription description() {
                return description;
            }

            @Override
            public OptionalDouble compute(MetricContext context) {
                return compute.apply(context);
            }

            @Override
            public String toString() {
                return "EvaluationMetric[" + description.name() + "]";
            }
        };
    }
}
