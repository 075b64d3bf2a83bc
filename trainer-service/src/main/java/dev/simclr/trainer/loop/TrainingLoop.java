package dev.simclr.trainer.loop;

import dev.simclr.contracts.Durations;
import dev.simclr.model.run.Throughput;
import dev.simclr.model.run.TrainingSession;
import dev.simclr.trainer.checkpoint.Checkpointer;
import dev.simclr.trainer.checkpoint.Lineage;
import dev.simclr.trainer.checkpoint.Provenance;
import dev.simclr.trainer.checkpoint.RunLease;
import dev.simclr.trainer.config.TrainerConfig;
import dev.simclr.trainer.config.TrainerSetup;
import dev.simclr.trainer.input.PairBatch;
import dev.simclr.trainer.input.ViewIntake;
import dev.simclr.trainer.progress.ProgressPublisher;
import dev.simclr.trainer.schedule.BudgetMath;
import dev.simclr.trainer.schedule.TimeBudget;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training thread's loop: takes sealed batches, runs one step each, advances the lineage counters, asks the intake
 * to commit the trained position (monitoring), reports progress, checkpoints every K steps, and on {@code max-steps},
 * the time budget's last step or a stop request writes a final checkpoint. A failure ends the loop with the exception
 * (the runtime marks the trainer FAILED; a restart resumes from the last checkpoint).
 *
 * <p>While the run lease is lapsed (its heartbeat could not be written for a TTL, e.g. during an object-store outage)
 * no step is taken: another trainer may own the run by now. Training resumes once the heartbeat thread has renewed the
 * lease, which it does only if nobody took over; after the outage tolerance the loop gives up.
 */
final class TrainingLoop {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingLoop.class);
    private static final long WAIT_MILLIS = 250;

    private final TrainerSetup settings;
    private final TrainerConfig config;
    private final SessionHolder sessions;
    private final BatchStager stager;
    private final Checkpointer checkpointer;
    private final LineageState lineage;
    private final TrainerMetrics metrics;
    private final TrainerStatus status;
    private final StepHooks hooks;
    private final ViewIntake intake;
    private final Provenance provenance;
    private final TimeBudget budget;
    private final Throughput meter = new Throughput(60);
    private final ProgressReporter progress;
    private final RunLease lease;
    private volatile boolean stopRequested;
    private long lastStepNanos = System.nanoTime();

    TrainingLoop(
            TrainerSetup settings,
            SessionHolder sessions,
            BatchStager stager,
            Checkpointer checkpointer,
            LineageState lineage,
            TrainerMetrics metrics,
            TrainerStatus status,
            StepHooks hooks,
            ViewIntake intake,
            Provenance provenance,
            TimeBudget budget,
            ProgressPublisher publisher,
            RunLease lease) {
        this.settings = settings;
        this.config = settings.config();
        this.sessions = sessions;
        this.stager = stager;
        this.checkpointer = checkpointer;
        this.lineage = lineage;
        this.metrics = metrics;
        this.status = status;
        this.hooks = hooks;
        this.intake = intake;
        this.provenance = provenance;
        this.budget = budget;
        this.lease = lease;
        this.progress = new ProgressReporter(settings, lineage.step(), publisher, meter, Clock.systemUTC());
        retarget(session().optimizerSpec().totalSteps());
    }

    /** Asks the loop to finish its current step, write a final checkpoint and return. */
    void stop() {
        stopRequested = true;
    }

    /** Runs until stopped; throws what stopped it otherwise. */
    void run() throws InterruptedException {
        meter.record(System.nanoTime(), lineage.step(), 2 * lineage.samplesSeen());
        while (!stopRequested) {
            status.beat();
            long stopAt = stopAt();
            if (stopAt > 0 && lineage.step() >= stopAt) {
                if (status.phase() != TrainerStatus.Phase.IDLE) {
                    checkpointIfNew();
                    progress.finish(state());
                    LOG.info(
                            "run {} reached {}: final checkpoint written, idle from now on",
                            config.runId(),
                            stopReason(stopAt));
                    status.phase(TrainerStatus.Phase.IDLE);
                }
                Thread.sleep(WAIT_MILLIS);
                continue;
            }
            if (lease.lapsedFor().isPresent()) {
                waitForLease();
                continue;
            }
            double lr;
            try (BatchStager.Staged staged = stager.poll(WAIT_MILLIS)) {
                if (staged == null) {
                    progress.waiting(state());
                    continue;
                }
                lr = train(staged);
            }
            if (lineage.step() % config.checkpointEvery() == 0) {
                checkpointIfNew();
            }
            progress.stepped(state(), lr);
        }
        status.phase(TrainerStatus.Phase.STOPPING);
        checkpointIfNew();
        progress.finish(state());
    }

    /**
     * Pauses training until the lease is renewed (or stop); throws when that takes longer than the outage tolerance.
     */
    private void waitForLease() throws InterruptedException {
        LOG.warn(
                "run {}: the run lease lapsed {} s ago (its heartbeat could not be written: is the object store"
                        + " down?); no steps until it is renewed",
                config.runId(),
                lease.lapsedFor().map(Duration::toSeconds).orElse(0L));
        while (!stopRequested) {
            status.beat();
            var lapsed = lease.lapsedFor();
            if (lapsed.isEmpty()) {
                LOG.info(
                        "run {}: the run lease is renewed; training resumes at step {}",
                        config.runId(),
                        lineage.step() + 1);
                return;
            }
            if (lapsed.get().compareTo(config.checkpoint().outageTolerance()) > 0) {
                throw new IllegalStateException("run " + config.runId() + ": the run lease lapsed "
                        + lapsed.get().toSeconds() + " s ago and could not be renewed within"
                        + " simclr.trainer.checkpoint.outage-tolerance "
                        + config.checkpoint().outageTolerance()
                        + "; stopping so that two trainers never write one lineage");
            }
            Thread.sleep(WAIT_MILLIS);
        }
    }

    /** Where training stops: max-steps and the time budget's derived length, whichever is first; 0 = never. */
    private long stopAt() {
        long stopAt = config.maxSteps();
        if (budget != null && budget.totalSteps().isPresent()) {
            long total = budget.totalSteps().getAsLong();
            stopAt = stopAt > 0 ? Math.min(stopAt, total) : total;
        }
        return stopAt;
    }

    private String stopReason(long stopAt) {
        if (config.maxSteps() > 0 && stopAt == config.maxSteps()) {
            return "max-steps " + stopAt;
        }
        return "the time budget's last step " + stopAt + " (budget " + budget.budget() + ", "
                + Durations.compact(budget.elapsed().toMillis() / 1000.0) + " since the first step)";
    }

    private double train(BatchStager.Staged staged) {
        PairBatch batch = staged.batch();
        long next = lineage.step() + 1;
        hooks.beforeStep(next);
        if (budget != null) {
            budget.beforeStep();
        }
        TrainingSession session = session();
        double lr = session.learningRate();
        long t0 = System.nanoTime();
        float loss = session.step(staged.views());
        long t1 = System.nanoTime();
        lastStepNanos = t1;
        lineage.apply(batch, loss);
        if (session.stepCount() != lineage.step()) {
            throw new IllegalStateException(
                    "optimizer at step " + session.stepCount() + ", lineage at " + lineage.step());
        }
        status.step(lineage.step());
        status.beat();
        meter.record(t1, lineage.step(), 2 * lineage.samplesSeen());
        metrics.stepped(
                lineage.step(),
                lineage.samplesSeen(),
                batch.size(),
                loss,
                lr,
                Duration.ofNanos(t1 - t0),
                meter.viewsPerSecond());
        intake.requestCommit(lineage.offsets());
        if (session.lastSkip() != null) {
            metrics.updateSkipped();
            LOG.warn("run {} step {}: {}", config.runId(), lineage.step(), session.lastSkip());
        }
        if (batch.partial()) {
            LOG.info(
                    "run {} step {}: partial batch of {} pairs (timeout {})",
                    config.runId(),
                    lineage.step(),
                    batch.size(),
                    config.partialBatchTimeout());
        }
        if (budget != null) {
            budget.afterStep(lineage.step()).ifPresent(this::applyBudget);
        }
        return lr;
    }

    private void applyBudget(long totalSteps) {
        var spec = BudgetMath.withTotalSteps(settings.optimizer(), totalSteps);
        LOG.info(
                "run {}: time budget {}: {} s/step measured over {} steps, {} since the first step, checkpoints"
                        + " ~{} s: schedule length {} steps (was {}){}",
                config.runId(),
                budget.budget(),
                String.format(Locale.ROOT, "%.3f", budget.secondsPerStep()),
                config.timeBudgetMeasureSteps(),
                Durations.compact(budget.elapsed().toMillis() / 1000.0),
                String.format(Locale.ROOT, "%.2f", (Double) budget.toAttribute().get("checkpointSeconds")),
                totalSteps,
                session().optimizerSpec().totalSteps(),
                spec.warmupSteps() < settings.optimizer().warmupSteps()
                        ? "; warm-up shortened to " + spec.warmupSteps() + " steps"
                        : "");
        if (!spec.equals(session().optimizerSpec())) {
            sessions.reschedule(spec);
        }
        retarget(totalSteps);
    }

    private void retarget(long totalSteps) {
        progress.retarget(totalSteps);
        metrics.totalSteps(totalSteps);
    }

    private void checkpointIfNew() {
        if (lineage.step() <= status.lastCheckpointStep()) {
            return;
        }
        hooks.beforeCheckpoint(lineage.step());
        long t0 = System.nanoTime();
        Lineage snapshot = lineage.snapshot();
        TrainingSession session = session();
        var event = checkpointer.write(
                session.state(),
                session.optimizerSpec(),
                snapshot,
                settings.toRunMap(),
                provenance,
                extraAttributes(budget),
                true);
        lineage.checkpointed(snapshot);
        status.lastCheckpointStep(snapshot.step());
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        metrics.checkpointed(took);
        if (budget != null) {
            budget.checkpointed(took);
        }
        LOG.info(
                "run {} checkpoint step {} written in {} ms: {} (samples seen {}, loss {})",
                config.runId(),
                snapshot.step(),
                took.toMillis(),
                event.checkpointUri(),
                snapshot.samplesSeen(),
                event.loss());
    }

    /** The manifest attributes beyond the standard ones: the time budget's, when there is one. */
    static Map<String, Object> extraAttributes(TimeBudget budget) {
        return budget == null ? Map.of() : Map.of(TimeBudget.ATTRIBUTE, budget.toAttribute());
    }

    private TrainingSession session() {
        return sessions.current();
    }

    private ProgressReporter.State state() {
        return new ProgressReporter.State(
                lineage.step(),
                lineage.epoch(),
                lineage.samplesSeen(),
                lineage.lastLoss(),
                session().learningRate(),
                stager.waiting(),
                metrics.isPaused(),
                System.nanoTime() - lastStepNanos);
    }
}
