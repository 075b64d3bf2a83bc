package dev.simclr.trainer.config;

import dev.simclr.augment.resize.ResizeMode;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Every {@code simclr.trainer.*} key: the trainer's configuration schema, and every plain default (its
 * {@code @WithDefault}); docs/trainer.md has the same table with more context. Defaults derived from other keys
 * (schedule length, warm-up steps, shuffle buffer and seed, lease holder id) and all validation are in
 * {@link TrainerSetup#of}, which the loop gets this mapping through.
 */
@ConfigMapping(prefix = "simclr.trainer")
public interface TrainerConfig {

    /** The run: checkpoints go to {@code s3://<bucket>/<run-id>/}, views of other runs are skipped. */
    @WithDefault("default")
    String runId();

    /** The S3 bucket of the checkpoints (created if missing). */
    @WithDefault("simclr")
    String bucket();

    /** The view-pair topic read (all partitions). */
    @WithDefault("simclr.views")
    String viewsTopic();

    /** The topic checkpoint events are published to (key = run id). */
    @WithDefault("simclr.checkpoints")
    String checkpointsTopic();

    /** View pairs per step (B). */
    @WithDefault("256")
    int batchSize();

    /** How long a partial batch waits for more pairs before a smaller step (if it has at least 2 pairs). */
    @WithDefault("30s")
    Duration partialBatchTimeout();

    /** Steps between checkpoints (K); a final checkpoint is also written on graceful shutdown and at max-steps. */
    @WithDefault("500")
    long checkpointEvery();

    /** Riding through infrastructure outages while checkpointing ({@code simclr.trainer.checkpoint.*}). */
    Checkpoint checkpoint();

    /** Schedule length in steps (cosine decays to 0 here); required unless epochs and dataset-size are set. */
    OptionalLong totalSteps();

    /** Epochs of the run: with dataset-size gives total-steps = ceil(epochs * dataset-size / batch-size). */
    OptionalInt epochs();

    /** Images per epoch: derives total-steps (with epochs) and the manifest's epoch = samples seen / dataset-size. */
    OptionalLong datasetSize();

    /** Stop training after this many steps (final checkpoint, then idle); 0 = unbounded. */
    @WithDefault("0")
    long maxSteps();

    /** Initialisation seed of the model. */
    @WithDefault("42")
    long seed();

    /** Where to train: auto (first GPU if any), cpu, gpu or gpu:<index>. */
    @WithDefault("auto")
    String device();

    /** PyTorch intra-op threads; 0 = all cores the JVM sees. */
    @WithDefault("0")
    int threads();

    /** Sealed batches buffered between the polling thread and the training thread (bounded memory). */
    @WithDefault("4")
    int queueCapacity();

    /**
     * View pairs held in the shuffle buffer between consumption and batching, so that batches differ every epoch
     * (memory: this many pairs of two views each); default 16 x batch-size, 0 = off.
     */
    OptionalInt shuffleBuffer();

    /** Seed of the shuffle buffer's random stream; default: seed. */
    OptionalLong shuffleSeed();

    /** Where a fresh run (no checkpoint yet) starts reading: earliest or latest. */
    @WithDefault("earliest")
    String startFrom();

    /** How often a progress line is logged. */
    @WithDefault("10s")
    Duration progressInterval();

    /** The topic progress records go to (key = run id; fire-and-forget, for dashboards). */
    @WithDefault("simclr.progress")
    String progressTopic();

    /** Publish a progress record every this many steps. */
    @WithDefault("10")
    long progressEvery();

    /** ... and at least this often while steps are being taken. */
    @WithDefault("5s")
    Duration progressMaxInterval();

    /**
     * Wall time of the whole run, counted from its first step (0 = off): after time-budget-measure-steps the trainer
     * derives total-steps from its measured step rate, so training ends within the budget, then stops with a final
     * checkpoint and idles. total-steps (or epochs) is then only the schedule of the measured steps.
     */
    @WithDefault("0s")
    Duration timeBudget();

    /** Steps timed (after this process's first step) before the time budget's schedule length is derived. */
    @WithDefault("20")
    int timeBudgetMeasureSteps();

    /**
     * Steps after this process's first step that are not timed for the time budget: kernels warm up and the input
     * pipeline fills its buffers, so they run slower than the rest of the run.
     */
    @WithDefault("10")
    int timeBudgetSettleSteps();

    /** Liveness fails when the training thread reports no progress for this long (a step or checkpoint hangs). */
    @WithDefault("15m")
    Duration livenessTimeout();

    /** The model. */
    Model model();

    /** Optimiser, schedule and loss. */
    Optimizer optimizer();

    /** The one-trainer-per-run lease. */
    Lease lease();

    /** Model keys ({@code simclr.trainer.model.*}). */
    interface Model {
        /** resnet18, resnet34 or resnet50 (torchvision topology). */
        @WithDefault("resnet18")
        String arch();

        /** small (3x3/1, no max-pool) or imagenet (7x7/2 + max-pool); default small up to 64 px, else imagenet. */
        Optional<String> stem();

        /** Width multiplier of every stage, in (0, 4]. */
        @WithDefault("1.0")
        double width();

        /** Input channels of the views, 1 or 3. */
        @WithDefault("1")
        int channels();

        /** Square view side in pixels; records of another shape are dead-lettered (wrong-shape). */
        @WithDefault("32")
        int inputSize();

        /**
         * The canvas: how an image is fitted to the square input (pad, resize or center-crop). Recorded in the
         * checkpoint, so evaluation and the ONNX export fit images the same way; must equal the augmenter's
         * simclr.augmenter.policy.fit (pairs made on another canvas are dead-lettered, wrong-shape).
         */
        @WithDefault(ResizeMode.DEFAULT_ID)
        String fit();

        /** Output size of the projection head. */
        @WithDefault("128")
        int projectionDim();

        /**
         * Per-channel mean of the pixels scaled to [0, 1], e.g. {@code 0.2860} for Fashion-MNIST; with {@code std};
         * recorded in the checkpoint and the ONNX export. Required for 1 channel (no dataset's grey statistics are a
         * safe default); for 3 channels the default is ImageNet's.
         */
        Optional<List<Double>> mean();

        /** Per-channel standard deviation matching {@code mean}, e.g. {@code 0.3530} for Fashion-MNIST. */
        Optional<List<Double>> std();

        /** Start the last BN of every residual branch with gamma = 0 (each block starts as identity). */
        @WithDefault("false")
        boolean zeroInitResidual();
    }

    /** Optimiser keys ({@code simclr.trainer.optimizer.*}). */
    interface Optimizer {
        /** lars (SimCLR) or sgd (Nesterov momentum). */
        @WithDefault("lars")
        String algorithm();

        /** Peak learning rate; default 0.3 * batch-size / 256. */
        OptionalDouble lr();

        /** Linear warm-up steps before the cosine decay; default: warmup-fraction of the schedule. */
        OptionalLong warmupSteps();

        /**
         * Linear warm-up as a fraction of the schedule (total-steps), used unless warmup-steps is given: 10 %, i.e.
         * SimCLR's 10 warm-up epochs of its default 100-epoch schedule.
         */
        @WithDefault("0.1")
        double warmupFraction();

        /** Weight decay (not on BN and bias); default 1e-6 for lars, 5e-4 for sgd. */
        OptionalDouble weightDecay();

        /** Momentum. */
        @WithDefault("0.9")
        double momentum();

        /** NT-Xent temperature. */
        @WithDefault("0.2")
        double temperature();
    }

    /** Checkpoint keys ({@code simclr.trainer.checkpoint.*}). */
    interface Checkpoint {
        /**
         * How long an outage of the object store (checkpoint, lease) or of the broker (the checkpoint event) is ridden
         * through: writes are retried with backoff and training pauses; after this long the trainer stops (FAILED) with
         * the reason, and a restart resumes from the last checkpoint.
         */
        @WithDefault("10m")
        Duration outageTolerance();
    }

    /** Lease keys ({@code simclr.trainer.lease.*}). */
    interface Lease {
        /** A heartbeat older than this lets another trainer take the run. */
        @WithDefault("60s")
        Duration ttl();

        /** This trainer's holder id; default HOSTNAME (the pod name), so a restarted container retakes its lease. */
        Optional<String> holderId();
    }
}
