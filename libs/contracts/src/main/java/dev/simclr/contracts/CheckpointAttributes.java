package dev.simclr.contracts;

import java.util.List;
import java.util.Map;

/**
 * The standard {@code attributes} of a trainer's {@link CheckpointManifest}: their names, and typed reading of those
 * that are plain JSON. The model and optimiser entries ({@link #MODEL}, {@link #STEP}, {@link #SEED},
 * {@link #OPTIMIZER}) are written and read by simclr-model's {@code TrainerState} (which owns the model configuration),
 * the whole set is assembled by the trainer's {@code ManifestAttributes}; everybody else (the evaluator, the launcher,
 * the tests that check a lineage) reads them here.
 *
 * <p>In the order a manifest lists them: {@code model}, {@code step}, {@code seed}, {@code optimizer},
 * {@code optimizerSpec}, {@code schedule} ({@code position}, {@code nextLr}), {@code seeds}, {@code run} (the run's
 * configuration), {@code deadLettered}, {@code skippedOtherRun}, {@code partialSteps}, {@code loss},
 * {@code trainedAbove} (see {@link TrainedPosition}), {@code provenance}, then any extra ones (e.g.
 * {@code timeBudget}).
 */
public final class CheckpointAttributes {

    /** The model configuration (a map). */
    public static final String MODEL = "model";
    /** Optimiser steps of the state (equals the manifest's step). */
    public static final String STEP = "step";
    /** The model initialisation seed. */
    public static final String SEED = "seed";
    /** The optimiser algorithm's id. */
    public static final String OPTIMIZER = "optimizer";
    /** The optimiser and its schedule (a map). */
    public static final String OPTIMIZER_SPEC = "optimizerSpec";
    /** The schedule's position and next learning rate. */
    public static final String SCHEDULE = "schedule";
    /** The seeds of the run. */
    public static final String SEEDS = "seeds";
    /** The run's configuration (JSON-friendly values). */
    public static final String RUN = "run";
    /** View pairs dead-lettered by the lineage. */
    public static final String DEAD_LETTERED = "deadLettered";
    /** View pairs of other runs skipped by the lineage. */
    public static final String SKIPPED_OTHER_RUN = "skippedOtherRun";
    /** Steps on a partial batch. */
    public static final String PARTIAL_STEPS = "partialSteps";
    /** The last step's loss (null when not finite). */
    public static final String LOSS = "loss";
    /** Per partition, the records at or above its watermark the lineage consumed already. */
    public static final String TRAINED_ABOVE = "trainedAbove";
    /** Code, dataset, host and engine of the writer. */
    public static final String PROVENANCE = "provenance";

    /** Every standard name, in the order a manifest lists them. */
    public static final List<String> STANDARD = List.of(
            MODEL,
            STEP,
            SEED,
            OPTIMIZER,
            OPTIMIZER_SPEC,
            SCHEDULE,
            SEEDS,
            RUN,
            DEAD_LETTERED,
            SKIPPED_OTHER_RUN,
            PARTIAL_STEPS,
            LOSS,
            TRAINED_ABOVE,
            PROVENANCE);

    /**
     * The lineage's counters at a checkpoint.
     *
     * @param deadLettered view pairs dead-lettered
     * @param skippedOtherRun view pairs of other runs skipped
     * @param partialSteps steps taken on a partial batch
     * @param loss the last step's loss, NaN when none was recorded
     */
    public record Counters(long deadLettered, long skippedOtherRun, long partialSteps, double loss) {}

    private CheckpointAttributes() {}

    /**
     * Reads the lineage's counters.
     *
     * @throws IllegalArgumentException naming a missing or malformed count
     */
    public static Counters counters(CheckpointManifest manifest) {
        Map<String, Object> a = manifest.attributes();
        Object loss = a.get(LOSS);
        return new Counters(
                count(a, DEAD_LETTERED),
                count(a, SKIPPED_OTHER_RUN),
                count(a, PARTIAL_STEPS),
                loss instanceof Number n ? n.doubleValue() : Double.NaN);
    }

    /**
     * Returns what the lineage of a manifest has consumed of {@code topic}: its {@code offsets} (the watermarks) and
     * the {@link #TRAINED_ABOVE} ranges (none in checkpoints written before the attribute).
     *
     * @throws IllegalArgumentException naming the step when the attribute is malformed
     */
    public static TrainedPosition position(CheckpointManifest manifest, String topic) {
        try {
            return TrainedPosition.fromAttribute(
                    manifest.offsets().getOrDefault(topic, Map.of()),
                    manifest.attributes().get(TRAINED_ABOVE));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("checkpoint step " + manifest.step() + ": " + e.getMessage(), e);
        }
    }

    /** The run's configuration as recorded, or an empty map when the manifest has none. */
    public static Map<String, Object> run(CheckpointManifest manifest) {
        return map(manifest, RUN);
    }

    /** The writer's provenance as recorded, or an empty map when the manifest has none. */
    public static Map<String, Object> provenance(CheckpointManifest manifest) {
        return map(manifest, PROVENANCE);
    }

    /**
     * The optimiser and its schedule as recorded.
     *
     * @throws IllegalArgumentException naming the step when the attribute is missing
     */
    public static Map<String, Object> optimizerSpec(CheckpointManifest manifest) {
        if (!(manifest.attributes().get(OPTIMIZER_SPEC) instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(
                    "checkpoint step " + manifest.step() + ": attribute '" + OPTIMIZER_SPEC + "' is missing");
        }
        return map(manifest, OPTIMIZER_SPEC);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(CheckpointManifest manifest, String key) {
        return manifest.attributes().get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static long count(Map<String, Object> a, String key) {
        Object v = a.get(key);
        if (!(v instanceof Number n) || n.longValue() < 0 || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new IllegalArgumentException("checkpoint attribute '" + key + "' must be a count, got " + v);
        }
        return n.longValue();
    }
}
