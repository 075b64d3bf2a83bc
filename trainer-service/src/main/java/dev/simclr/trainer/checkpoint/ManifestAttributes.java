package dev.simclr.trainer.checkpoint;

import dev.simclr.contracts.CheckpointManifest;
import dev.simclr.model.run.OptimizerSpec;
import dev.simclr.model.train.TrainerState;
import dev.simclr.trainer.input.TrainedPosition;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code attributes} of a trainer manifest, and reading them back for a resume. Keys:
 * {@code model}, {@code step}, {@code seed}, {@code optimizer} (as {@link TrainerState#attributes()}),
 * {@code optimizerSpec}, {@code schedule} ({@code position}, {@code nextLr}), {@code seeds},
 * {@code run} (the run's config), {@code deadLettered}, {@code skippedOtherRun}, {@code partialSteps},
 * {@code loss}, {@code trainedAbove} (per partition of the views topic, the records at or above its
 * {@code offsets} value that the lineage consumed already, as ranges relative to that value, e.g.
 * {@code {"0": "2-9,11"}}; see {@link TrainedPosition}), {@code provenance}, then any extra ones (e.g.
 * {@code timeBudget}).
 */
public final class ManifestAttributes {

    /** What a resume needs from a verified checkpoint. */
    public record Resumed(TrainerState state, OptimizerSpec optimizer, Lineage lineage, Map<String, Object> run) {}

    /** The attribute of the records trained above the watermarks (absent in checkpoints written before it). */
    public static final String TRAINED_ABOVE = "trainedAbove";

    private ManifestAttributes() {}

    /**
     * Builds the attributes of a checkpoint.
     *
     * @param state model and optimiser state
     * @param spec optimiser and schedule
     * @param lineage counters at this step
     * @param run the run's config (JSON-friendly values)
     * @param provenance code, dataset, host, engine
     * @return the attributes, in a stable order
     */
    public static Map<String, Object> build(TrainerState state, OptimizerSpec spec, Lineage lineage,
            Map<String, Object> run, Provenance provenance) {
        return build(state, spec, lineage, run, provenance, Map.of());
    }

    /**
     * Builds the attributes of a checkpoint with extra ones after the standard keys.
     *
     * @param extra further attributes; a standard key here is refused
     * @return the attributes, in a stable order
     * @throws IllegalArgumentException when an extra key collides with a standard one
     */
    public static Map<String, Object> build(TrainerState state, OptimizerSpec spec, Lineage lineage,
            Map<String, Object> run, Provenance provenance, Map<String, Object> extra) {
        Map<String, Object> a = new LinkedHashMap<>(state.attributes());
        a.put("optimizerSpec", spec.toMap());
        Map<String, Object> schedule = new LinkedHashMap<>();
        schedule.put("position", state.step());
        schedule.put("nextLr", spec.schedule().lr(state.step()));
        a.put("schedule", schedule);
        Map<String, Object> seeds = new LinkedHashMap<>();
        seeds.put("model", state.seed());
        seeds.put("training", "none: a step draws no random numbers; every view pair carries its own augmentation seed");
        a.put("seeds", seeds);
        a.put("run", run);
        a.put("deadLettered", lineage.deadLettered());
        a.put("skippedOtherRun", lineage.skippedOtherRun());
        a.put("partialSteps", lineage.partialSteps());
        a.put("loss", Double.isFinite(lineage.loss()) ? lineage.loss() : null);
        a.put(TRAINED_ABOVE, lineage.position().toAttribute());
        a.put("provenance", provenance.toMap());
        for (Map.Entry<String, Object> e : extra.entrySet()) {
            if (a.containsKey(e.getKey())) {
                throw new IllegalArgumentException("checkpoint attribute '" + e.getKey() + "' is a standard one");
            }
            a.put(e.getKey(), e.getValue());
        }
        return a;
    }

    /**
     * Reads what a resume needs.
     *
     * @param manifest the verified manifest
     * @param files its verified files
     * @param topic the views topic (whose offsets are the resume position)
     * @return model/optimiser state, optimiser spec, lineage counters and run config
     * @throws IllegalArgumentException naming a missing or malformed attribute
     */
    @SuppressWarnings("unchecked")
    public static Resumed read(CheckpointManifest manifest, Map<String, byte[]> files, String topic) {
        Map<String, Object> a = manifest.attributes();
        TrainerState state = TrainerState.fromFiles(files, a);
        if (state.step() != manifest.step()) {
            throw new IllegalArgumentException("checkpoint step " + manifest.step() + ": its optimizer state is at step "
                    + state.step());
        }
        if (!(a.get("optimizerSpec") instanceof Map<?, ?> spec)) {
            throw new IllegalArgumentException("checkpoint step " + manifest.step() + ": attribute 'optimizerSpec' is missing");
        }
        Object loss = a.get("loss");
        TrainedPosition position = position(manifest, topic);
        Lineage lineage = new Lineage(manifest.step(), manifest.epoch(), manifest.samplesSeen(),
                position.watermarks(), count(a, "deadLettered"), count(a, "skippedOtherRun"), count(a, "partialSteps"),
                loss instanceof Number n ? n.doubleValue() : Double.NaN, position.trainedAbove());
        Map<String, Object> run = a.get("run") instanceof Map<?, ?> r ? (Map<String, Object>) r : Map.of();
        return new Resumed(state, OptimizerSpec.fromMap((Map<String, ?>) spec), lineage, run);
    }

    /**
     * Returns what the lineage of a manifest has consumed of {@code topic}: its {@code offsets} (the
     * watermarks) and the {@code trainedAbove} ranges (none in checkpoints written before the attribute).
     *
     * @throws IllegalArgumentException naming the step when the attribute is malformed
     */
    public static TrainedPosition position(CheckpointManifest manifest, String topic) {
        try {
            return TrainedPosition.fromAttribute(manifest.offsets().getOrDefault(topic, Map.of()),
                    manifest.attributes().get(TRAINED_ABOVE));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("checkpoint step " + manifest.step() + ": " + e.getMessage(), e);
        }
    }

    private static long count(Map<String, Object> a, String key) {
        Object v = a.get(key);
        if (!(v instanceof Number n) || n.longValue() < 0 || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new IllegalArgumentException("checkpoint attribute '" + key + "' must be a count, got " + v);
        }
        return n.longValue();
    }
}
