package dev.simclr.launcher.cli;

import dev.simclr.launcher.stack.RunConfig;
import java.time.Duration;
import java.util.List;

/**
 * The demo recipe and how the demo fits its time: the one place to retune {@code simclr demo}.
 *
 * <p>Recipe (docs/recipe.md, rounds 1 and 2): ResNet-18 at 1/4 width with the small stem on native 28 px, 1 channel,
 * inputs normalised with Fashion-MNIST's mean/std, zero-init residual branches; views with crop scale (0.2, 1), jitter
 * s 0.5, no blur; NT-Xent tau 0.2; SGD-Nesterov lr 0.3, 128 pairs per step, weight decay 5e-4, 10 % warm-up + cosine.
 * The trainer uses one intra-op thread: on this 2-core machine it measured 346 views/s with 1 thread against 248 with 2
 * while the augmenter runs.
 *
 * <p>Time: the trainer gets the minutes minus the start (services, first views) and the final evaluation, and sizes its
 * schedule to that budget itself; the checkpoint interval is a quarter of the estimated steps, so about three
 * checkpoints are evaluated before the final one.
 *
 * @param minutes the whole demo
 * @param trainerBudget the trainer's time budget
 * @param estimatedSteps steps expected in the budget (sizes the checkpoint interval; the stop of a trainer that has no
 *     time budget)
 * @param checkpointEvery steps between checkpoints (each one is evaluated)
 */
record DemoPlan(int minutes, Duration trainerBudget, long estimatedSteps, long checkpointEvery) {

    // ---- the recipe -------------------------------------------------------------------------------
    static final int INPUT_SIZE = 28;
    static final int CHANNELS = 1;
    static final String ARCH = "resnet18";
    static final String STEM = "small";
    static final double WIDTH = 0.25;
    static final int BATCH_PAIRS = 128;
    static final double CROP_SCALE_MIN = 0.2;
    static final double JITTER_STRENGTH = 0.5;
    static final double TEMPERATURE = 0.2;
    static final String OPTIMIZER = "sgd";
    static final double LR = 0.3;
    static final double WEIGHT_DECAY = 5e-4;
    /** Fashion-MNIST pixel statistics (train split, pixels in [0, 1]): the trainer's input normalisation. */
    static final double MEAN = 0.2860;

    static final double STD = 0.3530;
    /** Each residual branch's last BN starts at gamma = 0: the best single change in docs/recipe.md round 2. */
    static final boolean ZERO_INIT_RESIDUAL = true;
    /** Warm-up as a fraction of the estimated steps (the trainer rescales it with the schedule). */
    static final double WARMUP_FRACTION = 0.10;
    /** Intra-op threads of the trainer (1 beats 2 on 2 cores while the augmenter runs). */
    static final int TRAINER_THREADS = 1;
    /** Intra-op threads of the evaluator: 1 too, so evaluations do not stall the trainer's OpenMP barriers. */
    static final int EVALUATOR_THREADS = 1;
    /** Records per augmenter poll (tiny images). */
    static final int MAX_POLL_RECORDS = 500;
    /**
     * The augmenter's lead: ~30 steps ahead of what the trainer has read (the gate adds what the trainer's shuffle
     * buffer and queue hold back, {@code RunConfig.augmenterLagGate()}). A larger gate (20,000 pairs) let the augmenter
     * race ahead on both cores during the trainer's first steps, exactly when the trainer times its rate for the
     * budget: it then planned 40 % fewer steps than it could do.
     */
    static final long MAX_VIEWS_LAG = 4_000;
    /**
     * The trainer sizes its schedule from steps 61-100: the first ~50 steps of a demo run slower (18-250 views/s while
     * kernels warm up and the augmenter fills its buffers, against 330-360 later; measured 2026-11-30), and a rate from
     * them planned 630 steps where ~850 fit.
     */
    static final int BUDGET_SETTLE_STEPS = 60;

    static final int BUDGET_MEASURE_STEPS = 40;
    /** Evaluations: every checkpoint (about 3 + the final one), on the full Fashion-MNIST protocol. */
    static final long EVAL_EVERY_NTH = 1;

    static final int EVALUATIONS_BEFORE_FINAL = 3;

    /** Concurrent uploads of the demo's import (s3proxy is the bottleneck). */
    static final int IMPORT_PARALLELISM = 8;

    // ---- the time plan ----------------------------------------------------------------------------
    /**
     * Start-up before the first step: Kafka, S3, three JVMs and the import, whose records are pushed only after every
     * upload (so the trainer measures its rate on a machine no longer busy importing). Measured 2026-11-30: 60,000
     * images uploaded in 43 s, first step after 55 s.
     */
    static final Duration STARTUP = Duration.ofSeconds(75);
    /**
     * The final checkpoint's evaluation with one thread: measured 55-74 s on 2026-11-30 (features of 70,000 images
     * 43-57 s, probe ~8 s, kNN ~5 s, ONNX export + parity), with margin.
     */
    static final Duration FINAL_EVALUATION = Duration.ofSeconds(95);
    /** How long the summary waits for the evaluator's reference lines (computed after its first result, ~1.5 min). */
    static final Duration REFERENCE_WAIT = Duration.ofMinutes(3);
    /**
     * Steps per second of the demo model with 1 thread once the import is done: 304-331 views/s (1.2-1.3 steps/s)
     * measured in a demo on 2026-11-30 while the evaluator scored a checkpoint on the other core. Only sizes the
     * checkpoint interval: the trainer measures its own rate.
     */
    static final double STEPS_PER_SECOND = 1.2;

    /** The plan for a demo of {@code minutes} (5 to 1440). */
    static DemoPlan of(int minutes) {
        return of(minutes, STEPS_PER_SECOND);
    }

    /** The plan for a demo of {@code minutes} at {@code stepsPerSecond}. */
    static DemoPlan of(int minutes, double stepsPerSecond) {
        if (minutes < 5 || minutes > 24 * 60) {
            throw new IllegalArgumentException("--minutes must be in [5, 1440], got " + minutes);
        }
        Duration budget = Duration.ofMinutes(minutes).minus(STARTUP).minus(FINAL_EVALUATION);
        long steps = Math.max(20, Math.round(budget.toSeconds() * stepsPerSecond));
        long every = steps / (EVALUATIONS_BEFORE_FINAL + 1);
        every = every >= 100 ? every / 10 * 10 : Math.max(5, every);
        return new DemoPlan(minutes, budget, steps, every);
    }

    /**
     * The run configuration of the demo.
     *
     * @param trainerThreads intra-op threads of the trainer, or a negative value for {@link #TRAINER_THREADS}
     */
    RunConfig.Builder runConfig(String runId, String evalSet, int trainerThreads) {
        return RunConfig.builder()
                .setRunId(runId)
                .setEvalSet(evalSet)
                .optInputSize(INPUT_SIZE)
                .optChannels(CHANNELS)
                .optArch(ARCH)
                .optStem(STEM)
                .optWidth(WIDTH)
                .optBatchSize(BATCH_PAIRS)
                .optCropScaleMin(CROP_SCALE_MIN)
                .optJitterStrength(JITTER_STRENGTH)
                .optTemperature(TEMPERATURE)
                .optOptimizer(OPTIMIZER)
                .optLearningRate(LR)
                .optWeightDecay(WEIGHT_DECAY)
                .optTimeBudget(trainerBudget)
                .optTotalSteps(estimatedSteps)
                .optWarmupSteps(Math.max(1, Math.round(estimatedSteps * WARMUP_FRACTION)))
                .optCheckpointEvery(checkpointEvery)
                .optTrainerThreads(trainerThreads < 0 ? TRAINER_THREADS : trainerThreads)
                .optEvaluatorThreads(EVALUATOR_THREADS)
                .optMaxPollRecords(MAX_POLL_RECORDS)
                .optMaxViewsLag(MAX_VIEWS_LAG)
                .optEvalEveryNth(EVAL_EVERY_NTH)
                .optEvalLimits(0, 0)
                .optReferences(true)
                .optNormalization(List.of(MEAN), List.of(STD))
                .optZeroInitResidual(ZERO_INIT_RESIDUAL)
                .optBudgetMeasureSteps(BUDGET_MEASURE_STEPS)
                .optBudgetSettleSteps(BUDGET_SETTLE_STEPS);
    }
}
