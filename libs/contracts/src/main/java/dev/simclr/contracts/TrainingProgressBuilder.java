package dev.simclr.contracts;

import java.time.Instant;

/**
 * Builds a {@link TrainingProgress}: every {@code setX} is required, {@code optX} optional ({@code queueDepth} 0,
 * {@code paused} false, {@code etaSeconds} null); {@link #build()} names the first missing value.
 */
public final class TrainingProgressBuilder {

    private String runId;
    private Long step;
    private Long epoch;
    private Long samplesSeen;
    private Double loss;
    private Double lr;
    private Double viewsPerSecond;
    private int queueDepth;
    private boolean paused;
    private Long totalSteps;
    private Double etaSeconds;
    private Instant createdAt;

    TrainingProgressBuilder() {}

    public TrainingProgressBuilder setRunId(String runId) {
        this.runId = runId;
        return this;
    }

    public TrainingProgressBuilder setStep(long step) {
        this.step = step;
        return this;
    }

    public TrainingProgressBuilder setEpoch(long epoch) {
        this.epoch = epoch;
        return this;
    }

    public TrainingProgressBuilder setSamplesSeen(long samplesSeen) {
        this.samplesSeen = samplesSeen;
        return this;
    }

    public TrainingProgressBuilder setLoss(double loss) {
        this.loss = loss;
        return this;
    }

    public TrainingProgressBuilder setLr(double lr) {
        this.lr = lr;
        return this;
    }

    public TrainingProgressBuilder setViewsPerSecond(double viewsPerSecond) {
        this.viewsPerSecond = viewsPerSecond;
        return this;
    }

    public TrainingProgressBuilder optQueueDepth(int queueDepth) {
        this.queueDepth = queueDepth;
        return this;
    }

    public TrainingProgressBuilder optPaused(boolean paused) {
        this.paused = paused;
        return this;
    }

    public TrainingProgressBuilder setTotalSteps(long totalSteps) {
        this.totalSteps = totalSteps;
        return this;
    }

    /** Seconds until training stops; null (the default) or NaN means unknown. */
    public TrainingProgressBuilder optEtaSeconds(Double etaSeconds) {
        this.etaSeconds = etaSeconds == null || etaSeconds.isNaN() ? null : etaSeconds;
        return this;
    }

    public TrainingProgressBuilder setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
        return this;
    }

    /**
     * Builds and validates the record.
     *
     * @throws ContractException naming the first missing or invalid value
     */
    public TrainingProgress build() {
        String ctx = TrainingProgress.CTX;
        return new TrainingProgress(
                runId,
                Checks.required(ctx, "step", step),
                Checks.required(ctx, "epoch", epoch),
                Checks.required(ctx, "samplesSeen", samplesSeen),
                Checks.required(ctx, "loss", loss),
                Checks.required(ctx, "lr", lr),
                Checks.required(ctx, "viewsPerSecond", viewsPerSecond),
                queueDepth,
                paused,
                Checks.required(ctx, "totalSteps", totalSteps),
                etaSeconds,
                createdAt);
    }
}
