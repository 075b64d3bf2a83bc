package dev.simclr.trainer.checkpoint;

import dev.simclr.contracts.CheckpointEvent;
import dev.simclr.contracts.CheckpointManifest;
import dev.simclr.contracts.Sha256;
import dev.simclr.model.run.OptimizerSpec;
import dev.simclr.model.train.TrainerState;
import dev.simclr.objectstore.CheckpointSets;
import dev.simclr.objectstore.S3Uri;
import dev.simclr.objectstore.VerifiedCheckpoint;
import dev.simclr.trainer.input.DeadLetterSink;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Writes one checkpoint of the lineage, in the order the exactly-once argument needs: pending dead letters flushed,
 * lease renewed (which verifies that nobody took the run over), files uploaded, the lease renewed again,
 * {@code manifest.json} last (offsets and counters inside), then the {@link CheckpointEvent} — published only once the
 * manifest exists. Renewing right before the manifest means no manifest is written on a lease that lapsed while the
 * files were uploaded (e.g. during an object-store outage ridden through by the store).
 */
public final class Checkpointer {

    private final CheckpointSets sets;
    private final String runId;
    private final S3Uri runPrefix;
    private final String viewsTopic;
    private final EventPublisher events;
    private final DeadLetterSink deadLetters;
    private final RunLease lease;
    private final Clock clock;
    private final LongConsumer afterManifest;

    /**
     * Creates a checkpointer.
     *
     * @param sets checkpoint sets in the object store
     * @param runId the run
     * @param runPrefix {@code s3://<bucket>/<run-id>/}
     * @param viewsTopic the topic whose offsets the manifest records
     * @param events where checkpoint events go
     * @param deadLetters flushed before every manifest
     * @param lease renewed (ownership verified) before the files and again before the manifest
     * @param clock for {@code createdAt}
     * @param afterManifest test hook called with the step between manifest and event
     */
    public Checkpointer(
            CheckpointSets sets,
            String runId,
            S3Uri runPrefix,
            String viewsTopic,
            EventPublisher events,
            DeadLetterSink deadLetters,
            RunLease lease,
            Clock clock,
            LongConsumer afterManifest) {
        this.sets = sets;
        this.runId = runId;
        this.runPrefix = runPrefix.asPrefix();
        this.viewsTopic = viewsTopic;
        this.events = events;
        this.deadLetters = deadLetters;
        this.lease = lease;
        this.clock = clock;
        this.afterManifest = afterManifest;
    }

    /**
     * Writes the checkpoint set of {@code lineage.step()} and, if {@code announce}, its event.
     *
     * @param state model and optimiser state at that step
     * @param spec optimiser and schedule
     * @param lineage counters and offsets at that step
     * @param run the run's config for the manifest
     * @param provenance code, dataset, host, engine
     * @param extra further attributes (e.g. the time budget's), added after the standard ones
     * @param announce whether to publish a checkpoint event
     * @return the event (published or not)
     */
    public CheckpointEvent write(
            TrainerState state,
            OptimizerSpec spec,
            Lineage lineage,
            Map<String, Object> run,
            Provenance provenance,
            Map<String, Object> extra,
            boolean announce) {
        if (state.step() != lineage.step()) {
            throw new IllegalStateException(
                    "checkpoint: model state at step " + state.step() + ", lineage at step " + lineage.step());
        }
        deadLetters.flush();
        lease.renew();
        Instant now = clock.instant();
        S3Uri prefix = CheckpointSets.setPrefix(runPrefix, lineage.step());
        CheckpointManifest draft = CheckpointManifest.builder()
                .setRunId(runId)
                .setStep(lineage.step())
                .setEpoch(lineage.epoch())
                .setSamplesSeen(lineage.samplesSeen())
                .setCreatedAt(now)
                .optOffsets(Map.of(viewsTopic, lineage.offsets()))
                .optAttributes(ManifestAttributes.build(state, spec, lineage, run, provenance, extra))
                .build();
        CheckpointManifest written = sets.write(prefix, state.files(), draft, lease::renew);
        afterManifest.accept(lineage.step());
        CheckpointEvent event = new CheckpointEvent(
                runId,
                lineage.step(),
                lineage.epoch(),
                lineage.samplesSeen(),
                Double.isFinite(lineage.loss()) ? lineage.loss() : 0.0,
                prefix.toString(),
                Sha256.hex(written.toJsonBytes()),
                now);
        if (announce) {
            events.publish(event);
        }
        return event;
    }

    /**
     * Publishes the event of an existing checkpoint again (after a restart the trainer cannot know whether the event of
     * its newest checkpoint was sent before the crash).
     */
    public CheckpointEvent announce(VerifiedCheckpoint checkpoint, Lineage lineage) {
        CheckpointManifest m = checkpoint.manifest();
        CheckpointEvent event = new CheckpointEvent(
                m.runId(),
                m.step(),
                m.epoch(),
                m.samplesSeen(),
                Double.isFinite(lineage.loss()) ? lineage.loss() : 0.0,
                checkpoint.prefix().toString(),
                checkpoint.manifestSha256(),
                m.createdAt());
        events.publish(event);
        return event;
    }
}
