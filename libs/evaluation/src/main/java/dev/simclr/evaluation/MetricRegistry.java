package dev.simclr.evaluation;

import dev.simclr.contracts.MetricDescription;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The metrics an {@link EvaluationProtocol} computes, in order; names are unique. Immutable: {@link #with} returns a
 * new registry.
 *
 * <pre>{@code
 * MetricRegistry metrics = MetricRegistry.standard().with(myMetric);
 * EvaluationProtocol protocol = EvaluationProtocol.builder().optMetrics(metrics).build();
 * }</pre>
 */
public final class MetricRegistry {

    private static final MetricRegistry STANDARD = new MetricRegistry(StandardMetrics.ALL);

    private final List<EvaluationMetric> metrics;

    private MetricRegistry(List<EvaluationMetric> metrics) {
        Set<String> names = new HashSet<>();
        for (EvaluationMetric m : metrics) {
            if (m == null) {
                throw new IllegalArgumentException("metric must not be null");
            }
            if (!names.add(m.name())) {
                throw new IllegalArgumentException("metric '" + m.name() + "' is registered twice");
            }
        }
        this.metrics = List.copyOf(metrics);
    }

    /** {@link StandardMetrics#ALL}. */
    public static MetricRegistry standard() {
        return STANDARD;
    }

    /** The given metrics, in order. */
    public static MetricRegistry of(List<EvaluationMetric> metrics) {
        return new MetricRegistry(metrics);
    }

    /** This registry plus {@code metric}, last. */
    public MetricRegistry with(EvaluationMetric metric) {
        List<EvaluationMetric> all = new ArrayList<>(metrics);
        all.add(metric);
        return new MetricRegistry(all);
    }

    public List<EvaluationMetric> metrics() {
        return metrics;
    }

    /** The descriptions, in order (what the evaluator serves at {@code /api/metrics}). */
    public List<MetricDescription> descriptions() {
        return metrics.stream().map(EvaluationMetric::description).toList();
    }

    /** The description of metric {@code name}, if registered. */
    public Optional<MetricDescription> description(String name) {
        return metrics.stream()
                .map(EvaluationMetric::description)
                .filter(d -> d.name().equals(name))
                .findFirst();
    }
}
