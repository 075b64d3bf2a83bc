package dev.simclr.trainer.loop;

import dev.simclr.model.run.Throughput;
import dev.simclr.model.run.TrainingSession;
import dev.simclr.trainer.checkpoint.Checkpointer;
import dev.simclr.trainer.checkpoint.Lineage;
import dev.simclr.trainer.checkpoint.Provenance;
import dev.simclr.trainer.input.Batch;
import dev.simclr.trainer.input.ViewIntake;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training thread's loop: takes sealed batches, runs one step each, advances the lineage
 * counters, asks the intake to commit the trained position (monitoring), checkpoints every K steps,
 * and on {@code max-steps} or a stop request writes a final checkpoint. A failure ends the loop with
 * the exception (the runtime marks the trainer FAILED; a restart resumes from the last checkpoint).
 */
final class TrainingLoop {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingLoop.class);
    private static final long WAIT_MILLIS = 250;

    private final TrainerSettings settings;
    private final TrainingSession session;
    private final BlockingQueue<Batch> queue;
    private final Checkpointer checkpointer;
    private final LineageState lineage;
    private final TrainerMetrics metrics;
    private final TrainerStatus status;
    private final StepHooks hooks;
    private final ViewIntake intake;
    private final Provenance provenance;
    private final Throughput meter = new Throughput(60);
    private final ProgressLog progress;
    private volatile boolean stopRequested;
    private long lastStepNanos = System.nanoTime();

    TrainingLoop(TrainerSettings settings, TrainingSession session, BlockingQueue<Batch> queue,
            Checkpointer checkpointer, LineageState lineage, TrainerMetrics metrics, TrainerStatus status,
            StepHooks hooks, ViewIntake intake, Provenance provenance) {
        this.settings = settings;
        this.session = session;
        this.queue = queue;
        this.checkpointer = checkpointer;
        this.lineage = lineage;
        this.metrics = metrics;
        this.status = status;
        this.hooks = hooks;
        this.intake = intake;
        this.provenance = provenance;
        this.progress = new ProgressLog(settings.runId(), settings.progressInterval().toNanos(), settings.totalSteps(),
                settings.maxSteps(), settings.queueCapacity());
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
            if (settings.maxSteps() > 0 && lineage.step() >= settings.maxSteps()) {
                if (status.phase() != TrainerStatus.Phase.IDLE) {
                    checkpointIfNew();
                    LOG.info("run {} reached max-steps {}: final checkpoint written, idle from now on",
                            settings.runId(), settings.maxSteps());
                    status.phase(TrainerStatus.Phase.IDLE);
                }
                Thread.sleep(WAIT_MILLIS);
                continue;
            }
            Batch batch = queue.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
            if (batch == null) {
                logProgress(false);
                continue;
            }
            train(batch);
            if (lineage.step() % settings.checkpointEvery() == 0) {
                checkpointIfNew();
            }
            logProgress(false);
        }
        status.phase(TrainerStatus.Phase.STOPPING);
        checkpointIfNew();
        logProgress(true);
    }

    private void train(Batch batch) {
        long next = lineage.step() + 1;
        hooks.beforeStep(next);
        double lr = session.learningRate();
        long t0 = System.nanoTime();
        float loss = session.step(batch.firstViews(), batch.secondViews());
        long t1 = System.nanoTime();
        lastStepNanos = t1;
        lineage.apply(batch, loss);
        if (session.stepCount() != lineage.step()) {
            throw new IllegalStateException("optimizer at step " + session.stepCount() + ", lineage at " + lineage.step());
        }
        status.step(lineage.step());
        status.beat();
        meter.record(t1, lineage.step(), 2 * lineage.samplesSeen());
        metrics.stepped(lineage.step(), lineage.samplesSeen(), batch.size(), loss, lr, Duration.ofNanos(t1 - t0),
                meter.viewsPerSecond());
        intake.requestCommit(lineage.offsets());
        if (batch.partial()) {
            LOG.info("run {} step {}: partial batch of {} pairs (timeout {})", settings.runId(), lineage.step(),
                    batch.size(), settings.partialBatchTimeout());
        }
    }

    private void checkpointIfNew() {
        if (lineage.step() <= status.lastCheckpointStep()) {
            return;
        }
        hooks.beforeCheckpoint(lineage.step());
        long t0 = System.nanoTime();
        Lineage snapshot = lineage.snapshot();
        var event = checkpointer.write(session.state(), settings.optimizer(), snapshot, settings.toRunMap(), provenance,
                true);
        lineage.checkpointed(snapshot);
        status.lastCheckpointStep(snapshot.step());
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        metrics.checkpointed(took);
        LOG.info("run {} checkpoint step {} written in {} ms: {} (samples seen {}, loss {})", settings.runId(),
                snapshot.step(), took.toMillis(), event.checkpointUri(), snapshot.samplesSeen(), event.loss());
    }

    private void logProgress(boolean force) {
        progress.maybeLog(force, lineage.step(), lineage.lastLoss(), session.learningRate(), meter,
                lineage.samplesSeen(), queue.size(), metrics.isPaused(), System.nanoTime() - lastStepNanos);
    }
}
