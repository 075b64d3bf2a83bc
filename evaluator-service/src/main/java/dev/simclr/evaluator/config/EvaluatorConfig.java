package dev.simclr.evaluator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Configuration of the evaluator ({@code simclr.evaluator.*}); S3 is {@code simclr.s3.*}, Kafka
 * {@code kafka.bootstrap.servers}.
 */
@ConfigMapping(prefix = "simclr.evaluator")
public interface EvaluatorConfig {

    /** Bucket of the checkpoints ({@code s3://<bucket>/<run>/step-<n>/}) and of every artefact the evaluator writes. */
    @WithDefault("simclr")
    String bucket();

    /**
     * The labelled evaluation set: a directory with the four Fashion-MNIST IDX files, or the {@code s3://} URI of a
     * JSON-lines manifest {@code {"uri","label","split"}} (images in S3).
     */
    @WithDefault("/usr/share/datasets/fashion-mnist")
    String evalSet();

    /** Name of a manifest eval set (default: the manifest's file name without extension). */
    Optional<String> evalSetName();

    /** Class names of a manifest eval set, comma-separated, index = label (default "0".."max label"). */
    Optional<List<String>> evalSetClassNames();

    /** Directory of the decoded eval-set cache (one file per source and input size). */
    @WithDefault("/tmp/simclr/evalsets")
    String evalSetCacheDir();

    /**
     * The run's held-out images: the s3:// URI of the JSON-lines manifest {@code simclr import} writes (never trained
     * on). Labelled in both splits, they replace eval-set as the evaluation set; unlabelled, they are the sample of the
     * label-free measures and the eval-set result says it is another domain. Read at every evaluation: while it does
     * not exist, evaluation goes on without it. Unset = none.
     */
    Optional<String> holdoutSet();

    /**
     * Held-out images for the label-free measures (alignment, uniformity) of every checkpoint: the first ones of
     * holdout-set when it is unlabelled, else of the evaluation set's test split; 0 = no such measures.
     */
    @WithDefault("1000")
    int labelFreeSamples();

    /** Evaluate checkpoints whose step is a multiple of this (1 = every checkpoint). */
    @WithDefault("1")
    long everyNth();

    /**
     * How long a checkpoint that every-nth would drop waits for a newer one before it is evaluated anyway (it may be
     * the run's last).
     */
    @WithDefault("10m")
    Duration tailGrace();

    /** Test images run through ONNX Runtime to verify the export. */
    @WithDefault("256")
    int parityImages();

    /**
     * Largest accepted max |feature difference| between DJL and ONNX Runtime as a fraction of max(1, largest |feature|)
     * (fp32 rounding grows with the features' magnitude); larger fails the evaluation.
     */
    @WithDefault("1e-4")
    double parityTolerance();

    /**
     * Where ONNX Runtime runs the parity check: auto (CUDA when the image's ONNX Runtime offers it), cpu, cuda or
     * cuda:N.
     */
    @WithDefault("auto")
    String onnxDevice();

    /** DJL device: auto, cpu, gpu or gpu:N. */
    @WithDefault("cpu")
    String device();

    /** Intra-op threads for DJL (set before the engine loads) and ONNX Runtime; 0 = the engines' defaults. */
    @WithDefault("0")
    int threads();

    /** Images per feature-extraction batch. */
    @WithDefault("256")
    int batchSize();

    /** Compute the raw-pixel and random-init reference lines once per (run, eval set). */
    @WithDefault("true")
    boolean references();

    /** Seed of the random-init reference encoder. */
    @WithDefault("0")
    long referenceSeed();

    /**
     * Use at most this many train images (the first ones; only they are read, decoded and cached), 0 = all; the
     * result's evalSet then says so. Bounded by default so that evaluation never dominates a run (the demo sets 0).
     */
    @WithDefault("10000")
    int maxTrainSamples();

    /** Use at most this many test images (the first ones), 0 = all; the result's evalSet then says so. */
    @WithDefault("2000")
    int maxTestSamples();

    /** Largest number of test points in embedding.json (a fixed sample). */
    @WithDefault("2000")
    int embeddingPoints();

    /**
     * How long to wait for the broker to acknowledge a result or dead letter before logging that it is still waiting.
     */
    @WithDefault("30s")
    Duration publishTimeout();

    /**
     * How long an outage of the object store (artefacts, checkpoint reads) or of the broker (publishing a result) is
     * ridden through: the evaluation waits and retries with backoff, readiness is DOWN; after this long the worker
     * stops with the reason, the event stays unacknowledged and is evaluated again after a restart.
     */
    @WithDefault("10m")
    Duration outageTolerance();

    /** How old the read API's view of the bucket may get before it is listed again. */
    @WithDefault("10s")
    Duration apiRefresh();

    /** Progress records kept in memory per run for the dashboard (the oldest are dropped first). */
    @WithDefault("5000")
    int progressPoints();

    /** Runs whose progress is kept in memory (the run updated longest ago is dropped first). */
    @WithDefault("32")
    int progressRuns();

    /** The view-pair topic sampled by {@code GET /api/samples}. */
    @WithDefault("simclr.views")
    String viewsTopic();

    /** Deadline of one {@code GET /api/samples} read (metadata, offsets, records). */
    @WithDefault("5s")
    Duration samplesTimeout();

    /** How long a sample of view pairs is reused for further requests (one consumer at a time, not one per viewer). */
    @WithDefault("2s")
    Duration samplesCache();
}
