package dev.simclr.launcher.stack;

import dev.simclr.augment.resize.ResizeMode;
import dev.simclr.contracts.TrainerHoldBack;
import java.time.Duration;
import java.util.List;

/**
 * What the launcher configures in the three services for one run (model, views, schedule, evaluation, resources). The
 * defaults are the demo recipe (docs/recipe.md, round 1): ResNet-18 at 1/4 width with the small stem on native 28 px, 1
 * channel, crop (0.2, 1), jitter s 0.5, no blur, NT-Xent tau 0.2, SGD-Nesterov lr 0.3, 128 pairs per step, weight decay
 * 5e-4, 10 % warm-up + cosine. Build with {@link #builder()}. Outside the demo the evaluation set is bounded (10,000
 * train / 2,000 test images) so that evaluation never dominates a run; the fit (the canvas) goes to both the augmenter
 * and the trainer, and the normalisation is always stated (Fashion-MNIST's for 1 channel, ImageNet's for 3, unless
 * given).
 */
public record RunConfig(
        String runId,
        int inputSize,
        int channels,
        String arch,
        String stem,
        double width,
        int projectionDim,
        int batchSize,
        int augmenterEpochs,
        double cropScaleMin,
        double jitterStrength,
        long checkpointEvery,
        long totalSteps,
        long maxSteps,
        Duration timeBudget,
        long warmupSteps,
        String optimizer,
        double lr,
        double weightDecay,
        double temperature,
        long datasetSize,
        int trainerThreads,
        int evaluatorThreads,
        String evalSet,
        int evalMaxTrain,
        int evalMaxTest,
        long evalEveryNth,
        int parityImages,
        boolean references,
        int maxPollRecords,
        long maxViewsLag,
        Duration partialBatchTimeout,
        Heaps heaps,
        List<Double> mean,
        List<Double> std,
        boolean zeroInitResidual,
        int budgetMeasureSteps,
        int budgetSettleSteps,
        String fit,
        String holdoutSet) {

    /**
     * Heap limits of the child JVMs ({@code -Xmx} values): small enough that the three services, the launcher and
     * s3proxy fit a 24 GiB machine with room to spare.
     *
     * @param augmenter augmenter heap
     * @param trainer trainer heap (libtorch's memory is off-heap)
     * @param evaluator evaluator heap (features of the eval set, kNN chunks)
     */
    public record Heaps(String augmenter, String trainer, String evaluator) {
        /** Defaults for 28x28 images: 768m, 1g, 2g. */
        public static Heaps small() {
            return new Heaps("768m", "1g", "2g");
        }
    }

    /** Fashion-MNIST's pixel statistics (train split, pixels in [0, 1]): the default for 1 channel. */
    public static final List<Double> FASHION_MNIST_MEAN = List.of(0.2860);
    /** See {@link #FASHION_MNIST_MEAN}. */
    public static final List<Double> FASHION_MNIST_STD = List.of(0.3530);
    /** ImageNet's per-channel statistics: the default for 3 channels (RGB photos). */
    public static final List<Double> IMAGENET_MEAN = List.of(0.485, 0.456, 0.406);
    /** See {@link #IMAGENET_MEAN}. */
    public static final List<Double> IMAGENET_STD = List.of(0.229, 0.224, 0.225);

    /** A builder with the demo recipe's defaults; {@code setRunId} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Sealed batches queued between the trainer's polling and training threads (given to it explicitly). */
    public static final int TRAINER_QUEUE_CAPACITY = 4;

    /**
     * View pairs the trainer's shuffle buffer holds: the trainer's default, given to it explicitly so that
     * {@link #trainerHoldBack()} counts what it really holds.
     */
    public int shuffleBuffer() {
        return TrainerHoldBack.defaultShuffleBuffer(batchSize);
    }

    /** How far the trainer's committed position may trail what it has read ({@link TrainerHoldBack}). */
    public long trainerHoldBack() {
        return TrainerHoldBack.pairs(batchSize, shuffleBuffer(), TRAINER_QUEUE_CAPACITY);
    }

    /**
     * The augmenter's {@code max-views-lag}: {@link #maxViewsLag()} is how far the augmenter may run ahead of what the
     * trainer has read, and the gate measures from the trainer's committed position, so it adds
     * {@link #trainerHoldBack()}. A gate below the hold-back closes while the trainer starves: it then trains on
     * partial batches after each partial-batch timeout (the demo ran at a third of its speed that way). 0 = off.
     */
    public long augmenterLagGate() {
        return maxViewsLag <= 0 ? 0 : maxViewsLag + trainerHoldBack();
    }

    /** Builder of {@link RunConfig}. */
    public static final class Builder {
        private String runId;
        private int inputSize = 28;
        private int channels = 1;
        private String arch = "resnet18";
        private String stem = "small";
        private double width = 0.25;
        private int projectionDim = 128;
        private int batchSize = 128;
        private int augmenterEpochs = 100;
        private double cropScaleMin = 0.2;
        private double jitterStrength = 0.5;
        private long checkpointEvery = 200;
        private long totalSteps = 1000;
        private long maxSteps;
        private Duration timeBudget;
        private long warmupSteps = -1;
        private String optimizer = "sgd";
        private double lr = 0.3;
        private double weightDecay = 5e-4;
        private double temperature = 0.2;
        private long datasetSize;
        private int trainerThreads;
        private int evaluatorThreads;
        private String evalSet;
        private int evalMaxTrain = 10_000;
        private int evalMaxTest = 2_000;
        private long evalEveryNth = 1;
        private int parityImages = 256;
        private boolean references = true;
        private int maxPollRecords = 500;
        private long maxViewsLag = 20_000;
        private Duration partialBatchTimeout = Duration.ofSeconds(30);
        private Heaps heaps = Heaps.small();
        private List<Double> mean = List.of();
        private List<Double> std = List.of();
        private boolean zeroInitResidual;
        private int budgetMeasureSteps;
        private int budgetSettleSteps;
        private String fit = ResizeMode.DEFAULT_ID;
        private String holdoutSet;

        private Builder() {}

        /** The run id (names checkpoints, consumer groups, transactional ids). */
        public Builder setRunId(String runId) {
            this.runId = runId;
            return this;
        }

        /** The labelled evaluation set: a Fashion-MNIST IDX directory or an s3:// manifest. */
        public Builder setEvalSet(String evalSet) {
            this.evalSet = evalSet;
            return this;
        }

        public Builder optInputSize(int inputSize) {
            this.inputSize = inputSize;
            return this;
        }

        public Builder optChannels(int channels) {
            this.channels = channels;
            return this;
        }

        public Builder optArch(String arch) {
            this.arch = arch;
            return this;
        }

        public Builder optStem(String stem) {
            this.stem = stem;
            return this;
        }

        public Builder optWidth(double width) {
            this.width = width;
            return this;
        }

        public Builder optProjectionDim(int projectionDim) {
            this.projectionDim = projectionDim;
            return this;
        }

        public Builder optBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        public Builder optAugmenterEpochs(int epochs) {
            this.augmenterEpochs = epochs;
            return this;
        }

        public Builder optCropScaleMin(double cropScaleMin) {
            this.cropScaleMin = cropScaleMin;
            return this;
        }

        public Builder optJitterStrength(double jitterStrength) {
            this.jitterStrength = jitterStrength;
            return this;
        }

        public Builder optCheckpointEvery(long steps) {
            this.checkpointEvery = steps;
            return this;
        }

        /** Schedule length; also the stop (max-steps) unless a time budget is used. */
        public Builder optTotalSteps(long totalSteps) {
            this.totalSteps = totalSteps;
            return this;
        }

        /** Hard stop after this many steps (0 = at the end of the schedule when no time budget is set). */
        public Builder optMaxSteps(long maxSteps) {
            this.maxSteps = maxSteps;
            return this;
        }

        /** The trainer's time budget (null = off): the trainer sizes its schedule to end within it. */
        public Builder optTimeBudget(Duration timeBudget) {
            this.timeBudget = timeBudget;
            return this;
        }

        /** Warm-up steps (default 10 % of the total steps). */
        public Builder optWarmupSteps(long warmupSteps) {
            this.warmupSteps = warmupSteps;
            return this;
        }

        public Builder optOptimizer(String optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        public Builder optLearningRate(double lr) {
            this.lr = lr;
            return this;
        }

        public Builder optWeightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        public Builder optTemperature(double temperature) {
            this.temperature = temperature;
            return this;
        }

        /** Images per epoch (for the manifest's epoch), 0 = unknown. */
        public Builder optDatasetSize(long datasetSize) {
            this.datasetSize = datasetSize;
            return this;
        }

        /** Intra-op threads of the trainer, 0 = all cores. */
        public Builder optTrainerThreads(int threads) {
            this.trainerThreads = threads;
            return this;
        }

        /** Intra-op threads of the evaluator, 0 = engine default. */
        public Builder optEvaluatorThreads(int threads) {
            this.evaluatorThreads = threads;
            return this;
        }

        /**
         * How images are fitted to the square input (pad, resize, center-crop): the augmenter's and the trainer's fit.
         */
        public Builder optFit(String fit) {
            this.fit = fit;
            return this;
        }

        /** The s3:// manifest of the run's held-out images (the evaluator's holdout-set), or null. */
        public Builder optHoldoutSet(String holdoutSet) {
            this.holdoutSet = holdoutSet;
            return this;
        }

        /** Limits of the eval set (0 = all; default 10,000 train / 2,000 test). */
        public Builder optEvalLimits(int maxTrain, int maxTest) {
            this.evalMaxTrain = maxTrain;
            this.evalMaxTest = maxTest;
            return this;
        }

        public Builder optEvalEveryNth(long everyNth) {
            this.evalEveryNth = everyNth;
            return this;
        }

        public Builder optParityImages(int parityImages) {
            this.parityImages = parityImages;
            return this;
        }

        /** Compute the raw-pixel and random-init reference lines (default true). */
        public Builder optReferences(boolean references) {
            this.references = references;
            return this;
        }

        public Builder optMaxPollRecords(int maxPollRecords) {
            this.maxPollRecords = maxPollRecords;
            return this;
        }

        /** The augmenter's lag gate in view pairs (0 = off). */
        public Builder optMaxViewsLag(long maxViewsLag) {
            this.maxViewsLag = maxViewsLag;
            return this;
        }

        public Builder optPartialBatchTimeout(Duration timeout) {
            this.partialBatchTimeout = timeout;
            return this;
        }

        public Builder optHeaps(Heaps heaps) {
            this.heaps = heaps;
            return this;
        }

        /**
         * The trainer's input normalisation (pixels in [0, 1]), one value per channel; empty lists mean
         * {@link #FASHION_MNIST_MEAN}/{@link #FASHION_MNIST_STD} for 1 channel, ImageNet's for 3.
         */
        public Builder optNormalization(List<Double> mean, List<Double> std) {
            this.mean = List.copyOf(mean);
            this.std = List.copyOf(std);
            return this;
        }

        /** Start each residual branch's last BN at gamma = 0. */
        public Builder optZeroInitResidual(boolean zeroInitResidual) {
            this.zeroInitResidual = zeroInitResidual;
            return this;
        }

        /** Steps the trainer times before sizing its schedule to the time budget (0 = its default). */
        public Builder optBudgetMeasureSteps(int budgetMeasureSteps) {
            this.budgetMeasureSteps = budgetMeasureSteps;
            return this;
        }

        /** Steps after the trainer's first that it does not time for the budget (0 = its default). */
        public Builder optBudgetSettleSteps(int budgetSettleSteps) {
            this.budgetSettleSteps = budgetSettleSteps;
            return this;
        }

        /** Validates and builds. */
        public RunConfig build() {
            if (runId == null || !runId.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
                throw new IllegalArgumentException(
                        "run id must be 1-63 letters, digits, '.', '_' or '-', got '" + runId + "'");
            }
            if (evalSet == null || evalSet.isBlank()) {
                throw new IllegalArgumentException("an evaluation set is required");
            }
            check(inputSize >= 8 && inputSize <= 1024, "input size must be in [8, 1024], got " + inputSize);
            check(channels == 1 || channels == 3, "channels must be 1 or 3, got " + channels);
            check(width > 0 && width <= 4, "width must be in (0, 4], got " + width);
            check(batchSize >= 2, "batch size must be >= 2, got " + batchSize);
            check(totalSteps >= 1, "total steps must be >= 1, got " + totalSteps);
            check(checkpointEvery >= 1, "checkpoint interval must be >= 1, got " + checkpointEvery);
            check(augmenterEpochs >= 1, "epochs must be >= 1, got " + augmenterEpochs);
            check(trainerThreads >= 0 && evaluatorThreads >= 0, "threads must be >= 0 (0 = all cores)");
            check(
                    timeBudget == null || !timeBudget.isNegative() && !timeBudget.isZero(),
                    "time budget must be positive");
            check(
                    mean.size() == std.size() && (mean.isEmpty() || mean.size() == channels),
                    "normalisation needs one mean and one std per channel (" + channels + "), got " + mean.size()
                            + " and " + std.size());
            check(budgetMeasureSteps >= 0 && budgetSettleSteps >= 0, "budget measure/settle steps must be >= 0");
            long warmup = warmupSteps >= 0 ? warmupSteps : Math.max(1, totalSteps / 10);
            String canvas;
            try {
                canvas = ResizeMode.parse(fit).id();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--fit: " + e.getMessage());
            }
            check(
                    holdoutSet == null || holdoutSet.startsWith("s3://"),
                    "the held-out manifest must be an s3:// URI, got " + holdoutSet);
            List<Double> m = mean;
            List<Double> d = std;
            if (m.isEmpty()) {
                m = channels == 1 ? FASHION_MNIST_MEAN : IMAGENET_MEAN;
                d = channels == 1 ? FASHION_MNIST_STD : IMAGENET_STD;
            }
            return new RunConfig(
                    runId,
                    inputSize,
                    channels,
                    arch,
                    stem,
                    width,
                    projectionDim,
                    batchSize,
                    augmenterEpochs,
                    cropScaleMin,
                    jitterStrength,
                    checkpointEvery,
                    totalSteps,
                    maxSteps,
                    timeBudget,
                    warmup,
                    optimizer,
                    lr,
                    weightDecay,
                    temperature,
                    datasetSize,
                    trainerThreads,
                    evaluatorThreads,
                    evalSet,
                    evalMaxTrain,
                    evalMaxTest,
                    evalEveryNth,
                    parityImages,
                    references,
                    maxPollRecords,
                    maxViewsLag,
                    partialBatchTimeout,
                    heaps,
                    m,
                    d,
                    zeroInitResidual,
                    budgetMeasureSteps,
                    budgetSettleSteps,
                    canvas,
                    holdoutSet);
        }

        private static void check(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
