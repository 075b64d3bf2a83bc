package dev.simclr.trainer.loop;

import ai.djl.Device;
import dev.simclr.model.run.TrainingSession;
import dev.simclr.objectstore.CheckpointSets;
import dev.simclr.objectstore.ObjectStore;
import dev.simclr.objectstore.S3Uri;
import dev.simclr.objectstore.VerifiedCheckpoint;
import dev.simclr.trainer.checkpoint.ManifestAttributes;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up of the training state: the newest verified checkpoint of the run (if any) is loaded into
 * a fresh session; checkpoint sets above it (incomplete or corrupt: a crash between files and
 * manifest, or a damaged upload) are deleted, as they are not part of the surviving lineage and
 * would block rewriting their step.
 */
final class RunResume {

    private static final Logger LOG = LoggerFactory.getLogger(RunResume.class);

    /** The session to train with and where it resumes from. */
    record Start(TrainingSession session, Optional<VerifiedCheckpoint> checkpoint,
            Optional<ManifestAttributes.Resumed> resumed) {}

    private RunResume() {}

    static Start open(TrainerSettings s, ObjectStore store, CheckpointSets sets, S3Uri runPrefix, Device device) {
        Optional<VerifiedCheckpoint> latest = sets.latestVerified(runPrefix);
        long resumedStep = latest.map(VerifiedCheckpoint::step).orElse(-1L);
        for (long step : sets.steps(runPrefix)) {
            if (step > resumedStep) {
                S3Uri prefix = CheckpointSets.setPrefix(runPrefix, step);
                LOG.warn("run {}: checkpoint set {} does not verify (incomplete or corrupt); deleting it, the lineage"
                        + " resumes at step {}", s.runId(), prefix, Math.max(resumedStep, 0));
                store.list(prefix).forEach(o -> store.delete(o.uri()));
            }
        }
        TrainingSession session = TrainingSession.create(s.model(), s.optimizer(), s.temperature(), device, s.seed());
        if (latest.isEmpty()) {
            LOG.info("run {}: no checkpoint under {}: fresh run (seed {}), reading {} from the {}", s.runId(), runPrefix,
                    s.seed(), s.viewsTopic(), s.startFrom().name().toLowerCase(java.util.Locale.ROOT));
            return new Start(session, latest, Optional.empty());
        }
        try {
            VerifiedCheckpoint cp = latest.get();
            ManifestAttributes.Resumed r = ManifestAttributes.read(cp.manifest(), cp.files(), s.viewsTopic());
            if (!r.state().config().equals(s.model())) {
                throw new IllegalStateException("run " + s.runId() + ": checkpoint step " + cp.step()
                        + " was trained with model " + r.state().config().toMap() + " but simclr.trainer.model is "
                        + s.model().toMap() + ": restore the configuration or use a new run id");
            }
            if (r.optimizer().algorithm() != s.optimizer().algorithm()) {
                throw new IllegalStateException("run " + s.runId() + ": checkpoint step " + cp.step() + " used optimizer "
                        + r.optimizer().algorithm().id() + " but simclr.trainer.optimizer.algorithm is "
                        + s.optimizer().algorithm().id() + ": restore the configuration or use a new run id");
            }
            if (!r.optimizer().equals(s.optimizer())) {
                LOG.warn("run {}: the configured schedule {} differs from the checkpoint's {}; continuing at step {} with"
                        + " the configured one", s.runId(), s.optimizer().toMap(), r.optimizer().toMap(), cp.step());
            }
            session.restore(r.state());
            LOG.info("run {}: resumed from {} (step {}, samples seen {}, offsets {})", s.runId(), cp.prefix(),
                    cp.step(), cp.manifest().samplesSeen(), r.lineage().offsets());
            return new Start(session, latest, Optional.of(r));
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }
}
