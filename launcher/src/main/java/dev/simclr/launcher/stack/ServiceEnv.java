package dev.simclr.launcher.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a {@link RunConfig} and the running infrastructure into the three {@link ServiceSpec}s. The services are
 * configured only through their documented keys ({@code AugmenterConfig}, {@code TrainerConfig},
 * {@code EvaluatorConfig}, {@code simclr.s3.*}, {@code kafka.bootstrap.servers}), as environment variables.
 *
 * @param run the run
 * @param bootstrapServers Kafka
 * @param s3 S3 endpoint, credentials, buckets
 * @param layout the data directory
 * @param apps where the packaged services are
 * @param ports HTTP ports
 */
public record ServiceEnv(
        RunConfig run,
        String bootstrapServers,
        StackInfo.S3Info s3,
        StackLayout layout,
        ServiceApps apps,
        ServicePorts ports) {

    /** The three services, in start order. */
    public List<ServiceSpec> specs() {
        return List.of(augmenter(), trainer(), evaluator());
    }

    /** The augmenter: images to view pairs with the run's policy. */
    public ServiceSpec augmenter() {
        Map<String, String> env = common(ports.augmenter());
        String p = "SIMCLR_AUGMENTER_";
        // The shared run id and bucket of docker-compose's and deploy/'s environment (the evaluator reads neither).
        env.put("SIMCLR_RUN_ID", run.runId());
        env.put("SIMCLR_S3_BUCKET", s3.checkpointBucket());
        env.put(p + "RUN_ID", run.runId());
        env.put(p + "EPOCHS", String.valueOf(run.augmenterEpochs()));
        env.put(p + "INSTANCE_ID", "local-0");
        env.put(p + "MAX_POLL_RECORDS", String.valueOf(run.maxPollRecords()));
        env.put(p + "MAX_VIEWS_LAG", String.valueOf(run.augmenterLagGate()));
        env.put(p + "POLICY_OUTPUT_SIZE", String.valueOf(run.inputSize()));
        env.put(p + "POLICY_OUTPUT_CHANNELS", String.valueOf(run.channels()));
        env.put(p + "POLICY_FIT", run.fit());
        env.put(p + "POLICY_CROP_SCALE_MIN", number(run.cropScaleMin()));
        env.put(p + "POLICY_JITTER_STRENGTH", number(run.jitterStrength()));
        env.put(p + "POLICY_GRAYSCALE_PROB", run.channels() == 1 ? "0" : "0.2");
        env.put(p + "POLICY_BLUR", "auto");
        return spec("augmenter", ports.augmenter(), run.heaps().augmenter(), env);
    }

    /** The trainer: the run's model, optimiser and schedule. */
    public ServiceSpec trainer() {
        Map<String, String> env = common(ports.trainer());
        String p = "SIMCLR_TRAINER_";
        // The shared run id and bucket of docker-compose's and deploy/'s environment (the evaluator reads neither).
        env.put("SIMCLR_RUN_ID", run.runId());
        env.put("SIMCLR_S3_BUCKET", s3.checkpointBucket());
        env.put(p + "RUN_ID", run.runId());
        env.put(p + "BUCKET", s3.checkpointBucket());
        env.put(p + "BATCH_SIZE", String.valueOf(run.batchSize()));
        env.put(p + "PARTIAL_BATCH_TIMEOUT", seconds(run.partialBatchTimeout()));
        env.put(p + "SHUFFLE_BUFFER", String.valueOf(run.shuffleBuffer()));
        env.put(p + "QUEUE_CAPACITY", String.valueOf(RunConfig.TRAINER_QUEUE_CAPACITY));
        env.put(p + "CHECKPOINT_EVERY", String.valueOf(run.checkpointEvery()));
        env.put(p + "TOTAL_STEPS", String.valueOf(run.totalSteps()));
        boolean budget = run.timeBudget() != null;
        if (budget) {
            env.put(p + "TIME_BUDGET", seconds(run.timeBudget()));
            if (run.budgetMeasureSteps() > 0) {
                env.put(p + "TIME_BUDGET_MEASURE_STEPS", String.valueOf(run.budgetMeasureSteps()));
            }
            if (run.budgetSettleSteps() > 0) {
                env.put(p + "TIME_BUDGET_SETTLE_STEPS", String.valueOf(run.budgetSettleSteps()));
            }
        }
        // With a time budget the trainer sizes the schedule and stops by itself.
        long maxSteps = run.maxSteps() > 0 ? run.maxSteps() : budget ? 0 : run.totalSteps();
        env.put(p + "MAX_STEPS", String.valueOf(maxSteps));
        env.put(p + "EPOCHS", "");
        env.put(p + "DATASET_SIZE", run.datasetSize() > 0 ? String.valueOf(run.datasetSize()) : "");
        env.put(p + "MODEL_ARCH", run.arch());
        env.put(p + "MODEL_STEM", run.stem());
        env.put(p + "MODEL_WIDTH", number(run.width()));
        env.put(p + "MODEL_CHANNELS", String.valueOf(run.channels()));
        env.put(p + "MODEL_INPUT_SIZE", String.valueOf(run.inputSize()));
        env.put(p + "MODEL_FIT", run.fit());
        env.put(p + "MODEL_PROJECTION_DIM", String.valueOf(run.projectionDim()));
        env.put(p + "MODEL_MEAN", numbers(run.mean()));
        env.put(p + "MODEL_STD", numbers(run.std()));
        env.put(p + "MODEL_ZERO_INIT_RESIDUAL", String.valueOf(run.zeroInitResidual()));
        env.put(p + "OPTIMIZER_ALGORITHM", run.optimizer());
        env.put(p + "OPTIMIZER_LR", number(run.lr()));
        env.put(p + "OPTIMIZER_WARMUP_STEPS", String.valueOf(run.warmupSteps()));
        env.put(p + "OPTIMIZER_WEIGHT_DECAY", number(run.weightDecay()));
        env.put(p + "OPTIMIZER_TEMPERATURE", number(run.temperature()));
        env.put(p + "DEVICE", "cpu");
        oneDnnCap(env);
        env.put(p + "THREADS", String.valueOf(run.trainerThreads()));
        env.put(p + "LEASE_HOLDER_ID", "local-trainer");
        env.put(p + "PROGRESS_INTERVAL", "10s");
        return spec("trainer", ports.trainer(), run.heaps().trainer(), env);
    }

    /** The evaluator: the run's eval set and evaluation cadence; it also serves the dashboard. */
    public ServiceSpec evaluator() {
        Map<String, String> env = common(ports.evaluator());
        String p = "SIMCLR_EVALUATOR_";
        env.put(p + "BUCKET", s3.checkpointBucket());
        env.put(p + "EVAL_SET", run.evalSet());
        env.put(p + "EVAL_SET_CACHE_DIR", layout.evalSetCache().toString());
        env.put(p + "EVERY_NTH", String.valueOf(run.evalEveryNth()));
        env.put(p + "TAIL_GRACE", "60s");
        env.put(p + "PARITY_IMAGES", String.valueOf(run.parityImages()));
        env.put(p + "THREADS", String.valueOf(run.evaluatorThreads()));
        env.put(p + "MAX_TRAIN_SAMPLES", String.valueOf(run.evalMaxTrain()));
        env.put(p + "MAX_TEST_SAMPLES", String.valueOf(run.evalMaxTest()));
        env.put(p + "REFERENCES", String.valueOf(run.references()));
        if (run.holdoutSet() != null) {
            env.put(p + "HOLDOUT_SET", run.holdoutSet());
        }
        env.put(p + "DEVICE", "cpu");
        oneDnnCap(env);
        return spec("evaluator", ports.evaluator(), run.heaps().evaluator(), env);
    }

    /**
     * A bottleneck ResNet (ResNet-50) on the CPU needs oneDNN capped at AVX before its first primitive (libtorch
     * 2.7.1's oneDNN dies with SIGFPE in the brgemm 1x1 convolutions; docs/trainer.md); the evaluator cannot know the
     * run's model before its engine is up, so both get it from here.
     */
    private void oneDnnCap(Map<String, String> env) {
        if (run.arch().equals("resnet50")) {
            env.put("ONEDNN_MAX_CPU_ISA", "AVX");
        }
    }

    private Map<String, String> common(int port) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("OMP_WAIT_POLICY", "PASSIVE");
        // ONNX Runtime telemetry off before it starts (docs/evaluator.md); OrtRuntime sets it too.
        env.put("ORT_DISABLE_TELEMETRY", "1");
        unsetKafkaSettings(System.getenv(), env);
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        env.put("SIMCLR_S3_ENDPOINT", s3.endpoint());
        env.put("SIMCLR_S3_ACCESS_KEY", s3.accessKey());
        env.put("SIMCLR_S3_SECRET_KEY", s3.secretKey());
        env.put("SIMCLR_S3_REGION", s3.region());
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        // The launcher's supervisor asks the health endpoints every second: SmallRye Health's INFO line
        // per DOWN answer would bury the log lines that say why (the supervisor reports the reason).
        env.put("QUARKUS_LOG_CATEGORY__IO_SMALLRYE_HEALTH__LEVEL", "WARN");
        Path djl = layout.djlCache();
        env.put("DJL_CACHE_DIR", djl.toString());
        env.put("ENGINE_CACHE_DIR", djl.toString());
        return env;
    }

    /**
     * Blanks every {@code KAFKA_*} variable of {@code inherited} in {@code env}: the children inherit this process's
     * environment, and Kafka client settings meant for another cluster (e.g. for {@code simclr push}) must not reach
     * services talking to the local plain-text broker. The services treat an empty {@code KAFKA_*} value as unset.
     */
    static void unsetKafkaSettings(Map<String, String> inherited, Map<String, String> env) {
        inherited.keySet().stream().filter(k -> k.startsWith("KAFKA_")).forEach(k -> env.put(k, ""));
    }

    private ServiceSpec spec(String name, int port, String heap, Map<String, String> env) {
        List<String> jvm = new ArrayList<>(List.of(
                "-Xmx" + heap,
                "-XX:+ExitOnOutOfMemoryError",
                "-Dai.djl.pytorch.num_interop_threads=1",
                "-Dsimclr.service=" + name));
        return new ServiceSpec(name, apps.appJar(name), port, jvm, env);
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static String numbers(List<Double> values) {
        return String.join(",", values.stream().map(ServiceEnv::number).toList());
    }

    private static String seconds(java.time.Duration d) {
        return String.format(Locale.ROOT, "%ds", Math.max(1, d.toSeconds()));
    }
}
