package dev.simclr.trainer.loop;

import dev.simclr.contracts.DeadLetter;
import dev.simclr.trainer.input.IntakeEvents;
import dev.simclr.trainer.progress.ProgressPublisher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * The trainer's Micrometer meters (all tagged {@code run}): {@code simclr.trainer.steps}, {@code .pairs.consumed},
 * {@code .views.skipped.other.run}, {@code .dead.letters} (tag {@code reason}), {@code .checkpoints}, timers
 * {@code .step.duration} and {@code .checkpoint.duration}, gauges {@code .step}, {@code .samples.seen}, {@code .loss},
 * {@code .lr}, {@code .views.per.second}, {@code .queue.depth}, {@code .paused}, {@code .total.steps} (the schedule
 * length, derived with a time budget); progress records: counters {@code .progress.records} (acknowledged) and
 * {@code .progress.failures} (tag {@code reason}: dropped, send-failed).
 */
public final class TrainerMetrics implements IntakeEvents, ProgressPublisher.Events {

    private final MeterRegistry registry;
    private final Tags tags;
    private final Counter steps;
    private final Counter pairs;
    private final Counter skipped;
    private final Counter checkpoints;
    private final Counter skippedUpdates;
    private final Timer stepTimer;
    private final Timer checkpointTimer;
    private final Counter progressRecords;
    private final Map<DeadLetter.Reason, Counter> deadLetters = new ConcurrentHashMap<>();
    private final Map<ProgressPublisher.Loss, Counter> progressFailures = new ConcurrentHashMap<>();
    private volatile double totalSteps = Double.NaN;
    private volatile double step;
    private volatile double samplesSeen;
    private volatile double loss = Double.NaN;
    private volatile double lr = Double.NaN;
    private volatile double viewsPerSecond;
    private volatile boolean paused;
    private volatile long lastPollNanos = System.nanoTime();
    private volatile boolean brokerConnected = true;

    /**
     * Registers the meters.
     *
     * @param registry the registry
     * @param runId the run (tag)
     * @param queueDepth current number of sealed batches waiting for training
     */
    public TrainerMetrics(MeterRegistry registry, String runId, IntSupplier queueDepth) {
        this.registry = registry;
        this.tags = Tags.of("run", runId);
        this.steps = Counter.builder("simclr.trainer.steps")
                .tags(tags)
                .description("optimiser steps taken")
                .register(registry);
        this.pairs = Counter.builder("simclr.trainer.pairs.consumed")
                .tags(tags)
                .description("view pairs trained on")
                .register(registry);
        this.skipped = Counter.builder("simclr.trainer.views.skipped.other.run")
                .tags(tags)
                .description("records of other runs skipped")
                .register(registry);
        this.checkpoints = Counter.builder("simclr.trainer.checkpoints")
                .tags(tags)
                .description("checkpoints written")
                .register(registry);
        this.skippedUpdates = Counter.builder("simclr.trainer.updates.skipped")
                .tags(tags)
                .description("steps whose update was skipped because their gradients were not finite")
                .register(registry);
        this.progressRecords = Counter.builder("simclr.trainer.progress.records")
                .tags(tags)
                .description("progress records acknowledged by the broker")
                .register(registry);
        for (ProgressPublisher.Loss loss : ProgressPublisher.Loss.values()) {
            progressFailures.put(
                    loss,
                    Counter.builder("simclr.trainer.progress.failures")
                            .tags(tags)
                            .tag("reason", loss.code())
                            .description("progress records lost (training is not affected)")
                            .register(registry));
        }
        this.stepTimer =
                Timer.builder("simclr.trainer.step.duration").tags(tags).register(registry);
        this.checkpointTimer =
                Timer.builder("simclr.trainer.checkpoint.duration").tags(tags).register(registry);
        Gauge.builder("simclr.trainer.step", this, m -> m.step).tags(tags).register(registry);
        Gauge.builder("simclr.trainer.samples.seen", this, m -> m.samplesSeen)
                .tags(tags)
                .register(registry);
        Gauge.builder("simclr.trainer.loss", this, m -> m.loss).tags(tags).register(registry);
        Gauge.builder("simclr.trainer.lr", this, m -> m.lr).tags(tags).register(registry);
        Gauge.builder("simclr.trainer.views.per.second", this, m -> m.viewsPerSecond)
                .tags(tags)
                .register(registry);
        Gauge.builder("simclr.trainer.queue.depth", queueDepth, q -> q.getAsInt())
                .tags(tags)
                .register(registry);
        Gauge.builder("simclr.trainer.paused", this, m -> m.paused ? 1 : 0)
                .tags(tags)
                .register(registry);
        Gauge.builder("simclr.trainer.total.steps", this, m -> m.totalSteps)
                .tags(tags)
                .description("schedule length (derived from the time budget when one is set)")
                .register(registry);
    }

    /** Records a trained step. */
    void stepped(
            long stepNumber, long samples, int pairCount, double stepLoss, double stepLr, Duration took, double rate) {
        steps.increment();
        pairs.increment(pairCount);
        stepTimer.record(took);
        step = stepNumber;
        samplesSeen = samples;
        loss = stepLoss;
        lr = stepLr;
        viewsPerSecond = rate;
    }

    /** Sets the position after a resume (gauges only). */
    void resumed(long stepNumber, long samples, double nextLr) {
        step = stepNumber;
        samplesSeen = samples;
        lr = nextLr;
    }

    /** Sets the schedule length gauge. */
    void totalSteps(long steps) {
        totalSteps = steps;
    }

    @Override
    public void sent() {
        progressRecords.increment();
    }

    @Override
    public void lost(ProgressPublisher.Loss reason) {
        progressFailures.get(reason).increment();
    }

    /** Records a written checkpoint. */
    void updateSkipped() {
        skippedUpdates.increment();
    }

    void checkpointed(Duration took) {
        checkpoints.increment();
        checkpointTimer.record(took);
    }

    @Override
    public void deadLettered(DeadLetter.Reason reason) {
        deadLetters
                .computeIfAbsent(
                        reason,
                        r -> Counter.builder("simclr.trainer.dead.letters")
                                .tags(tags)
                                .tag("reason", r.code())
                                .description("records sent to the dead-letter topic")
                                .register(registry))
                .increment();
    }

    @Override
    public void skippedOtherRun(String otherRunId) {
        skipped.increment();
    }

    @Override
    public void paused(boolean isPaused) {
        paused = isPaused;
    }

    @Override
    public void polled(int records) {
        lastPollNanos = System.nanoTime();
    }

    @Override
    public void brokerConnected(boolean connected) {
        brokerConnected = connected;
    }

    /** Returns whether the views consumer was connected to a broker after its last poll. */
    public boolean isBrokerConnected() {
        return brokerConnected;
    }

    /** Returns whether the partitions are paused. */
    public boolean isPaused() {
        return paused;
    }

    /** Returns nanoseconds since the polling loop last returned from a poll. */
    public long nanosSincePoll() {
        return System.nanoTime() - lastPollNanos;
    }
}
