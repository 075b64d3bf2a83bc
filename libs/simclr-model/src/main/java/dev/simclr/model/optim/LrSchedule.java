package dev.simclr.model.optim;

import ai.djl.training.tracker.Tracker;

/**
 * Learning rate per optimiser step: linear warm-up from {@code base / warmup} to {@code base} over the first
 * {@code warmup} steps, then cosine decay to 0 at {@code total} steps, 0 after.
 *
 * <pre>
 * lr(s) = base * (s + 1) / warmup                                   for s &lt; warmup
 *       = base * 0.5 * (1 + cos(pi * (s - warmup) / (total - warmup)))  for warmup &lt;= s &lt; total
 *       = 0                                                         for s &gt;= total
 * </pre>
 *
 * Steps are 0-based: {@code lr(0)} is used by the first update. Also a DJL {@link Tracker}.
 */
public final class LrSchedule implements Tracker {

    private final double baseLr;
    private final long warmupSteps;
    private final long totalSteps;
    private final boolean constant;

    private LrSchedule(double baseLr, long warmupSteps, long totalSteps, boolean constant) {
        if (!(baseLr >= 0) || !Double.isFinite(baseLr)) {
            throw new IllegalArgumentException("lr schedule: base lr must be finite and >= 0, got " + baseLr);
        }
        if (totalSteps < 1 || warmupSteps < 0 || warmupSteps > totalSteps) {
            throw new IllegalArgumentException("lr schedule: need 0 <= warmup <= total and total >= 1, got warmup "
                    + warmupSteps + ", total " + totalSteps);
        }
        this.baseLr = baseLr;
        this.warmupSteps = warmupSteps;
        this.totalSteps = totalSteps;
        this.constant = constant;
    }

    /**
     * Returns a warm-up + cosine schedule.
     *
     * @param baseLr peak learning rate
     * @param warmupSteps steps of linear warm-up (0 for none)
     * @param totalSteps steps until the rate reaches 0
     * @return the schedule
     */
    public static LrSchedule warmupCosine(double baseLr, long warmupSteps, long totalSteps) {
        return new LrSchedule(baseLr, warmupSteps, totalSteps, false);
    }

    /**
     * Returns SimCLR's default for LARS: base rate {@code 0.3 * pairsPerStep / 256}, linear warm-up, cosine decay.
     *
     * @param pairsPerStep view pairs per step (B)
     * @param warmupSteps steps of warm-up (SimCLR: 10 epochs' worth)
     * @param totalSteps steps until the rate reaches 0
     * @return the schedule
     */
    public static LrSchedule simclrLars(int pairsPerStep, long warmupSteps, long totalSteps) {
        return warmupCosine(linearScaled(0.3, pairsPerStep), warmupSteps, totalSteps);
    }

    /**
     * Returns a constant rate (no warm-up, no decay).
     *
     * @param lr the rate
     * @return the schedule
     */
    public static LrSchedule constant(double lr) {
        return new LrSchedule(lr, 0, 1, true);
    }

    /**
     * Returns SimCLR's linearly scaled base rate {@code lrPer256 * batchSize / 256}.
     *
     * @param lrPer256 the rate for a batch of 256 (SimCLR with LARS: 0.3)
     * @param batchSize view pairs per step
     * @return the base rate
     */
    public static double linearScaled(double lrPer256, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        return lrPer256 * batchSize / 256.0;
    }

    /**
     * Returns the rate for 0-based step {@code step}.
     *
     * @param step the step, &gt;= 0
     * @return the learning rate
     */
    public double lr(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("lr schedule: step must be >= 0, got " + step);
        }
        if (constant) {
            return baseLr;
        }
        if (step < warmupSteps) {
            return baseLr * (step + 1) / warmupSteps;
        }
        if (step >= totalSteps) {
            return 0;
        }
        double progress = (double) (step - warmupSteps) / (totalSteps - warmupSteps);
        return baseLr * 0.5 * (1 + Math.cos(Math.PI * progress));
    }

    @Override
    public float getNewValue(int numUpdate) {
        return (float) lr(numUpdate);
    }

    /** Returns the peak rate. */
    public double baseLr() {
        return baseLr;
    }

    /** Returns the warm-up length in steps. */
    public long warmupSteps() {
        return warmupSteps;
    }

    /** Returns the step at which the rate reaches 0 ({@link Long#MAX_VALUE} when constant). */
    public long totalSteps() {
        return constant ? Long.MAX_VALUE : totalSteps;
    }

    @Override
    public String toString() {
        return constant
                ? "constant(" + baseLr + ")"
                : "warmupCosine(base=" + baseLr + ", warmup=" + warmupSteps + ", total=" + totalSteps + ")";
    }
}
