package dev.simclr.evaluator.config;

import java.util.Map;

/**
 * The evaluator's mapping as SmallRye Config builds it in the service (defaults, durations like {@code 5s}), without
 * Quarkus.
 */
public final class EvaluatorConfigs {

    private EvaluatorConfigs() {}

    /** The {@code simclr.evaluator.*} mapping with {@code keys} (names without the prefix, e.g. {@code batch-size}). */
    public static EvaluatorConfig of(Map<String, String> keys) {
        return EvaluatorSetup.mapping(keys);
    }

    /** The checked setup of {@code keys} (names without the prefix). */
    public static EvaluatorSetup setup(Map<String, String> keys) {
        return EvaluatorSetup.of(of(keys));
    }
}
