package dev.simclr.trainer.loop;

import dev.simclr.contracts.TrainingProgress;
import dev.simclr.model.run.Throughput;
import dev.simclr.trainer.config.TrainerConfig;
import dev.simclr.trainer.config.TrainerSetup;
import dev.simclr.trainer.progress.ProgressCadence;
import dev.simclr.trainer.progress.ProgressPublisher;
import java.time.Clock;

/**
 * The training thread's progress output: the log line about every {@code progress-interval}, and
 * {@link TrainingProgress} records on the {@code progress-every} / {@code progress-max-interval} cadence, handed to the
 * fire-and-forget {@link ProgressPublisher}.
 */
final class ProgressReporter {

    /**
     * What the loop knows after a step or while waiting.
     *
     * @param step steps taken
     * @param epoch the lineage's epoch
     * @param samplesSeen pairs trained on in the lineage
     * @param loss loss of the newest step (NaN before the first step of this process)
     * @param nextLr the rate the next step will use (logged)
     * @param queueDepth sealed batches waiting
     * @param paused whether input is paused
     * @param nanosSinceStep time since the last step ended
     */
    record State(
            long step,
            long epoch,
            long samplesSeen,
            double loss,
            double nextLr,
            int queueDepth,
            boolean paused,
            long nanosSinceStep) {}

    private final String runId;
    private final ProgressLog log;
    private final ProgressCadence cadence;
    private final ProgressPublisher publisher;
    private final Throughput meter;
    private final Clock clock;
    private double stepLr = Double.NaN;

    ProgressReporter(TrainerSetup s, long startStep, ProgressPublisher publisher, Throughput meter, Clock clock) {
        TrainerConfig c = s.config();
        this.runId = c.runId();
        this.log = new ProgressLog(
                c.runId(), c.progressInterval().toNanos(), s.totalSteps(), c.maxSteps(), c.queueCapacity());
        this.cadence =
                new ProgressCadence(c.progressEvery(), c.progressMaxInterval().toNanos(), startStep, System.nanoTime());
        this.publisher = publisher;
        this.meter = meter;
        this.clock = clock;
    }

    /** Sets the schedule length (at start, and when a time budget derived one). */
    void retarget(long totalSteps) {
        log.retarget(totalSteps);
    }

    /** After a step that used learning rate {@code lr}: logs and publishes when due. */
    void stepped(State s, double lr) {
        stepLr = lr;
        long now = System.nanoTime();
        log.maybeLog(
                false,
                s.step(),
                s.loss(),
                s.nextLr(),
                meter,
                s.samplesSeen(),
                s.queueDepth(),
                s.paused(),
                s.nanosSinceStep());
        if (cadence.due(s.step(), now)) {
            publish(s, now);
        }
    }

    /** While no step is taken: the log line only (nothing new to publish). */
    void waiting(State s) {
        log.maybeLog(
                false,
                s.step(),
                s.loss(),
                s.nextLr(),
                meter,
                s.samplesSeen(),
                s.queueDepth(),
                s.paused(),
                s.nanosSinceStep());
    }

    /** When training stops or reaches its last step: a log line, and a record if steps were not yet published. */
    void finish(State s) {
        log.maybeLog(
                true,
                s.step(),
                s.loss(),
                s.nextLr(),
                meter,
                s.samplesSeen(),
                s.queueDepth(),
                s.paused(),
                s.nanosSinceStep());
        if (cadence.pending(s.step()) && Double.isFinite(s.loss())) {
            publish(s, System.nanoTime());
        }
    }

    private void publish(State s, long now) {
        cadence.published(s.step(), now);
        long remaining = log.targetSteps() - s.step();
        double eta = remaining <= 0 ? 0 : meter.etaSeconds(remaining);
        publisher.offer(TrainingProgress.builder()
                .setRunId(runId)
                .setStep(s.step())
                .setEpoch(s.epoch())
                .setSamplesSeen(s.samplesSeen())
                .setLoss(s.loss())
                .setLr(Double.isFinite(stepLr) ? stepLr : 0)
                .setViewsPerSecond(meter.viewsPerSecond())
                .optQueueDepth(s.queueDepth())
                .optPaused(s.paused())
                .setTotalSteps(log.totalSteps())
                .optEtaSeconds(Double.isFinite(eta) && eta >= 0 ? eta : null)
                .setCreatedAt(clock.instant())
                .build());
    }
}
