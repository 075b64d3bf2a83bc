package dev.simclr.trainer.schedule;

import dev.simclr.model.run.OptimizerSpec;
import java.time.Duration;

/** The pure arithmetic of the time budget: how many steps fit, and the schedule that ends there. */
public final class BudgetMath {

    private BudgetMath() {}

    /**
     * The schedule length that ends training within the budget: the steps already taken plus as many more as fit in the
     * time left, where each step costs its measured time plus its share of the periodic checkpoints, and one final
     * checkpoint is reserved.
     *
     * <pre>
     * left   = budget - elapsed - checkpointSeconds
     * perStep = secondsPerStep + checkpointSeconds / checkpointEvery
     * total  = stepsDone + max(0, floor(left / perStep))
     * </pre>
     *
     * @param budget the run's wall-time budget
     * @param elapsed wall time since the run's first step
     * @param stepsDone steps already taken, {@code >= 1}
     * @param secondsPerStep measured seconds per step (checkpoint time excluded), {@code > 0}
     * @param checkpointSeconds measured (mean) seconds per checkpoint, {@code >= 0}
     * @param checkpointEvery steps between checkpoints, {@code >= 1}
     * @return the total steps, {@code >= stepsDone}
     * @throws IllegalArgumentException for a non-positive step time or other impossible inputs
     */
    public static long totalSteps(
            Duration budget,
            Duration elapsed,
            long stepsDone,
            double secondsPerStep,
            double checkpointSeconds,
            long checkpointEvery) {
        if (!(secondsPerStep > 0) || !Double.isFinite(secondsPerStep)) {
            throw new IllegalArgumentException(
                    "time budget: seconds per step must be finite and > 0, got " + secondsPerStep);
        }
        if (!(checkpointSeconds >= 0) || !Double.isFinite(checkpointSeconds)) {
            throw new IllegalArgumentException(
                    "time budget: checkpoint seconds must be finite and >= 0, got " + checkpointSeconds);
        }
        if (stepsDone < 1 || checkpointEvery < 1 || budget.isNegative() || elapsed.isNegative()) {
            throw new IllegalArgumentException("time budget: need steps done >= 1, checkpoint-every >= 1 and"
                    + " non-negative durations, got " + stepsDone + ", " + checkpointEvery + ", " + budget + ", "
                    + elapsed);
        }
        double left = (budget.toNanos() - elapsed.toNanos()) / 1e9 - checkpointSeconds;
        if (left <= 0) {
            return stepsDone;
        }
        double perStep = secondsPerStep + checkpointSeconds / checkpointEvery;
        double more = Math.floor(left / perStep);
        return more >= Long.MAX_VALUE - stepsDone ? Long.MAX_VALUE : stepsDone + (long) more;
    }

    /**
     * The configured optimiser with the derived schedule length. The warm-up keeps its fraction of the configured
     * schedule (the configured length is only an estimate when a budget decides it): {@code round(warmup * derived /
     * configured)}, at least 1 when a warm-up was configured, at most the derived length.
     *
     * @param configured the configured optimiser and schedule
     * @param totalSteps the derived length, {@code >= 1}
     * @return the spec to train with
     */
    public static OptimizerSpec withTotalSteps(OptimizerSpec configured, long totalSteps) {
        long warmup = configured.warmupSteps();
        if (warmup > 0 && configured.totalSteps() > 0) {
            warmup = Math.max(1, Math.round(warmup * (double) totalSteps / configured.totalSteps()));
        }
        return new OptimizerSpec(
                configured.algorithm(),
                configured.learningRate(),
                Math.min(warmup, totalSteps),
                totalSteps,
                configured.weightDecay(),
                configured.momentum());
    }
}
