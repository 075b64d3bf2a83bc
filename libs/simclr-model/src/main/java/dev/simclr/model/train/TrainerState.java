package dev.simclr.model.train;

import dev.simclr.contracts.CheckpointAttributes;
import dev.simclr.model.ModelConfig;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything needed to continue training exactly: model config, completed steps (the schedule position), initialisation
 * seed, optimiser algorithm, parameters + BN statistics (DJL block format) and optimiser state (momentum buffers, see
 * {@code OptimizerState}).
 *
 * <p>For a checkpoint set, {@link #files()} gives the binary files and {@link #attributes()} the JSON-friendly values
 * for the manifest; {@link #fromFiles} reverses both.
 *
 * @param config model config
 * @param step completed optimiser steps
 * @param seed initialisation seed of the model
 * @param algorithm optimiser algorithm ({@code lars}, {@code sgd-nesterov}, ...)
 * @param parameters serialised parameters
 * @param optimizerState serialised optimiser state
 */
public record TrainerState(
        ModelConfig config, long step, long seed, String algorithm, byte[] parameters, byte[] optimizerState) {

    /** File name of the parameters in a checkpoint set. */
    public static final String PARAMETERS_FILE = "parameters.djl";
    /** File name of the optimiser state in a checkpoint set. */
    public static final String OPTIMIZER_FILE = "optimizer.bin";

    /** Validates the fields. */
    public TrainerState {
        Objects.requireNonNull(config, "trainer state: config is required");
        if (step < 0) {
            throw new IllegalArgumentException("trainer state: step must be >= 0, got " + step);
        }
        if (algorithm == null || algorithm.isBlank()) {
            throw new IllegalArgumentException("trainer state: algorithm is required");
        }
        if (parameters == null || parameters.length == 0 || optimizerState == null || optimizerState.length == 0) {
            throw new IllegalArgumentException("trainer state: parameters and optimizer state are required");
        }
    }

    /** Returns the binary files of a checkpoint set, by file name. */
    public Map<String, byte[]> files() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(PARAMETERS_FILE, parameters);
        files.put(OPTIMIZER_FILE, optimizerState);
        return files;
    }

    /** Returns the manifest attributes: {@code model} (config map), {@code step}, {@code seed}, {@code optimizer}. */
    public Map<String, Object> attributes() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put(CheckpointAttributes.MODEL, config.toMap());
        attributes.put(CheckpointAttributes.STEP, step);
        attributes.put(CheckpointAttributes.SEED, seed);
        attributes.put(CheckpointAttributes.OPTIMIZER, algorithm);
        return attributes;
    }

    /**
     * Rebuilds a state from checkpoint files and manifest attributes.
     *
     * @param files files by name (at least {@link #PARAMETERS_FILE} and {@link #OPTIMIZER_FILE})
     * @param attributes the manifest attributes written by {@link #attributes()}
     * @return the state
     * @throws IllegalArgumentException naming what is missing or malformed
     */
    public static TrainerState fromFiles(Map<String, byte[]> files, Map<String, ?> attributes) {
        byte[] params = files.get(PARAMETERS_FILE);
        byte[] optim = files.get(OPTIMIZER_FILE);
        if (params == null || optim == null) {
            throw new IllegalArgumentException("trainer state: checkpoint lacks " + PARAMETERS_FILE + " or "
                    + OPTIMIZER_FILE + " (has " + files.keySet() + ")");
        }
        if (!(attributes.get(CheckpointAttributes.MODEL) instanceof Map<?, ?> model)) {
            throw new IllegalArgumentException("trainer state: attribute 'model' (model config) is missing");
        }
        @SuppressWarnings("unchecked")
        ModelConfig config = ModelConfig.fromMap((Map<String, ?>) model);
        return new TrainerState(
                config,
                longValue(attributes, CheckpointAttributes.STEP),
                longValue(attributes, CheckpointAttributes.SEED),
                String.valueOf(attributes.get(CheckpointAttributes.OPTIMIZER)),
                params,
                optim);
    }

    private static long longValue(Map<String, ?> attributes, String key) {
        if (!(attributes.get(key) instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new IllegalArgumentException(
                    "trainer state: attribute '" + key + "' must be an integer, got " + attributes.get(key));
        }
        return n.longValue();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainerState t
                && config.equals(t.config)
                && step == t.step
                && seed == t.seed
                && algorithm.equals(t.algorithm)
                && Arrays.equals(parameters, t.parameters)
                && Arrays.equals(optimizerState, t.optimizerState);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                config, step, seed, algorithm, Arrays.hashCode(parameters), Arrays.hashCode(optimizerState));
    }

    @Override
    public String toString() {
        return "TrainerState[" + config.arch().id() + ", step=" + step + ", seed=" + seed + ", " + algorithm
                + ", parameters=" + parameters.length + " B, optimizer=" + optimizerState.length + " B]";
    }
}
