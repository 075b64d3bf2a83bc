package dev.simclr.trainer.loop;

import ai.djl.Device;
import dev.simclr.model.run.OptimizerSpec;
import dev.simclr.model.run.TrainingSession;
import dev.simclr.objectstore.CheckpointSets;
import dev.simclr.objectstore.ObjectStore;
import dev.simclr.objectstore.S3Uri;
import dev.simclr.objectstore.VerifiedCheckpoint;
import dev.simclr.trainer.checkpoint.ManifestAttributes;
import dev.simclr.trainer.config.TrainerConfig;
import dev.simclr.trainer.config.TrainerSetup;
import dev.simclr.trainer.schedule.BudgetMath;
import dev.simclr.trainer.schedule.TimeBudget;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up of the training state: the newest verified checkpoint of the run (if any) is loaded into a fresh session;
 * checkpoint sets above it (incomplete or corrupt: a crash between files and manifest, or a damaged upload) are
 * deleted, as they are not part of the surviving lineage and would block rewriting their step. With a time budget, a
 * schedule length the checkpoint derived from it is kept.
 */
final class RunResume {

    private static final Logger LOG = LoggerFactory.getLogger(RunResume.class);

    /**
     * The session to train with, where it resumes from, and the run's time budget.
     *
     * @param session the model and optimiser, restored when resumed
     * @param checkpoint the verified checkpoint resumed from, if any
     * @param resumed what that checkpoint's manifest says, if any
     * @param budget the time budget (continuing the checkpoint's), or null when none is configured
     */
    record Start(
            TrainingSession session,
            Optional<VerifiedCheckpoint> checkpoint,
            Optional<ManifestAttributes.Resumed> resumed,
            TimeBudget budget) {}

    private RunResume() {}

    static Start open(
            TrainerSetup s, ObjectStore store, CheckpointSets sets, S3Uri runPrefix, Device device, Clock clock) {
        TrainerConfig c = s.config();
        Optional<VerifiedCheckpoint> latest = sets.latestVerified(runPrefix);
        long resumedStep = latest.map(VerifiedCheckpoint::step).orElse(-1L);
        for (long step : sets.steps(runPrefix)) {
            if (step > resumedStep) {
                S3Uri prefix = CheckpointSets.setPrefix(runPrefix, step);
                LOG.warn(
                        "run {}: checkpoint set {} does not verify (incomplete or corrupt); deleting it, the lineage"
                                + " resumes at step {}",
                        c.runId(),
                        prefix,
                        Math.max(resumedStep, 0));
                store.list(prefix).forEach(o -> store.delete(o.uri()));
            }
        }
        if (latest.isEmpty()) {
            LOG.info(
                    "run {}: no checkpoint under {}: fresh run (seed {}), reading {} from the {}",
                    c.runId(),
                    runPrefix,
                    c.seed(),
                    c.viewsTopic(),
                    s.startFrom().name().toLowerCase(java.util.Locale.ROOT));
            TrainingSession session = TrainingSession.create(
                    s.model(), s.optimizer(), c.optimizer().temperature(), device, c.seed());
            return new Start(session, latest, Optional.empty(), budget(s, null, clock));
        }
        VerifiedCheckpoint cp = latest.get();
        ManifestAttributes.Resumed r = ManifestAttributes.read(cp.manifest(), cp.files(), c.viewsTopic());
        if (!r.state().config().equals(s.model())) {
            throw new IllegalStateException("run " + c.runId() + ": checkpoint step " + cp.step()
                    + " was trained with model " + r.state().config().toMap() + " but simclr.trainer.model is "
                    + s.model().toMap() + ": restore the configuration or use a new run id");
        }
        if (r.optimizer().algorithm() != s.optimizer().algorithm()) {
            throw new IllegalStateException("run " + c.runId() + ": checkpoint step " + cp.step() + " used optimizer "
                    + r.optimizer().algorithm().id() + " but simclr.trainer.optimizer.algorithm is "
                    + s.optimizer().algorithm().id() + ": restore the configuration or use a new run id");
        }
        TimeBudget budget = budget(s, budgetAttribute(cp), clock);
        OptimizerSpec spec = s.optimizer();
        if (budget != null && budget.totalSteps().isPresent()) {
            spec = BudgetMath.withTotalSteps(s.optimizer(), budget.totalSteps().getAsLong());
            if (!budget.budget().equals(c.timeBudget())) {
                LOG.warn(
                        "run {}: keeps the schedule length {} derived from its time budget {}; the configured"
                                + " simclr.trainer.time-budget {} applies to new runs only",
                        c.runId(),
                        budget.totalSteps().getAsLong(),
                        budget.budget(),
                        c.timeBudget());
            }
        }
        if (!r.optimizer().equals(spec)) {
            LOG.warn(
                    "run {}: the configured schedule {} differs from the checkpoint's {}; continuing at step {} with"
                            + " the configured one",
                    c.runId(),
                    spec.toMap(),
                    r.optimizer().toMap(),
                    cp.step());
        }
        TrainingSession session =
                TrainingSession.create(s.model(), spec, c.optimizer().temperature(), device, c.seed());
        try {
            session.restore(r.state());
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        LOG.info(
                "run {}: resumed from {} (step {}, samples seen {}, offsets {})",
                c.runId(),
                cp.prefix(),
                cp.step(),
                cp.manifest().samplesSeen(),
                r.lineage().offsets());
        return new Start(session, latest, Optional.of(r), budget);
    }

    private static TimeBudget budget(TrainerSetup s, Map<String, ?> resumed, Clock clock) {
        if (!s.hasTimeBudget()) {
            return null;
        }
        TrainerConfig c = s.config();
        return new TimeBudget(
                c.timeBudget(),
                c.timeBudgetSettleSteps(),
                c.timeBudgetMeasureSteps(),
                c.checkpointEvery(),
                resumed,
                clock,
                System::nanoTime);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> budgetAttribute(VerifiedCheckpoint cp) {
        Object a = cp.manifest().attributes().get(TimeBudget.ATTRIBUTE);
        return a instanceof Map<?, ?> m ? (Map<String, ?>) m : null;
    }
}
