package dev.simclr.trainer.checkpoint;

import dev.simclr.contracts.CheckpointAttributes;
import dev.simclr.contracts.CheckpointManifest;
import dev.simclr.contracts.TrainedPosition;
import dev.simclr.model.run.OptimizerSpec;
import dev.simclr.model.train.TrainerState;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Assembles the {@code attributes} of a trainer manifest, and reads back what a resume needs. The names and the typed
 * reading of the plain-JSON ones are {@link CheckpointAttributes}'; the model and optimiser entries come from
 * {@link TrainerState#attributes()}.
 */
public final class ManifestAttributes {

    /** What a resume needs from a verified checkpoint. */
    public record Resumed(TrainerState state, OptimizerSpec optimizer, Lineage lineage, Map<String, Object> run) {}

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
    public static Map<String, Object> build(
            TrainerState state, OptimizerSpec spec, Lineage lineage, Map<String, Object> run, Provenance provenance) {
        return build(state, spec, lineage, run, provenance, Map.of());
    }

    /**
     * Builds the attributes of a checkpoint with extra ones after the standard keys.
     *
     * @param extra further attributes; a standard key here is refused
     * @return the attributes, in the order of {@link CheckpointAttributes#STANDARD}
     * @throws IllegalArgumentException when an extra key collides with a standard one
     */
    public static Map<String, Object> build(
            TrainerState state,
            OptimizerSpec spec,
            Lineage lineage,
            Map<String, Object> run,
            Provenance provenance,
            Map<String, Object> extra) {
        Map<String, Object> a = new LinkedHashMap<>(state.attributes());
        a.put(CheckpointAttributes.OPTIMIZER_SPEC, spec.toMap());
        Map<String, Object> schedule = new LinkedHashMap<>();
        schedule.put("position", state.step());
        schedule.put("nextLr", spec.schedule().lr(state.step()));
        a.put(CheckpointAttributes.SCHEDULE, schedule);
        Map<String, Object> seeds = new LinkedHashMap<>();
        seeds.put("model", state.seed());
        seeds.put(
                "training", "none: a step draws no random numbers; every view pair carries its own augmentation seed");
        a.put(CheckpointAttributes.SEEDS, seeds);
        a.put(CheckpointAttributes.RUN, run);
        a.put(CheckpointAttributes.DEAD_LETTERED, lineage.deadLettered());
        a.put(CheckpointAttributes.SKIPPED_OTHER_RUN, lineage.skippedOtherRun());
        a.put(CheckpointAttributes.PARTIAL_STEPS, lineage.partialSteps());
        a.put(CheckpointAttributes.LOSS, Double.isFinite(lineage.loss()) ? lineage.loss() : null);
        a.put(CheckpointAttributes.TRAINED_ABOVE, lineage.position().toAttribute());
        a.put(CheckpointAttributes.PROVENANCE, provenance.toMap());
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
    public static Resumed read(CheckpointManifest manifest, Map<String, byte[]> files, String topic) {
        TrainerState state = TrainerState.fromFiles(files, manifest.attributes());
        if (state.step() != manifest.step()) {
            throw new IllegalArgumentException(
                    "checkpoint step " + manifest.step() + ": its optimizer state is at step " + state.step());
        }
        Map<String, Object> spec = CheckpointAttributes.optimizerSpec(manifest);
        CheckpointAttributes.Counters counters = CheckpointAttributes.counters(manifest);
        TrainedPosition position = CheckpointAttributes.position(manifest, topic);
        Lineage lineage = new Lineage(
                manifest.step(),
                manifest.epoch(),
                manifest.samplesSeen(),
                position.watermarks(),
                counters.deadLettered(),
                counters.skippedOtherRun(),
                counters.partialSteps(),
                counters.loss(),
                position.trainedAbove());
        return new Resumed(state, OptimizerSpec.fromMap(spec), lineage, CheckpointAttributes.run(manifest));
    }
}
