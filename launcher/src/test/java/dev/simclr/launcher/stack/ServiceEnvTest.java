package dev.simclr.launcher.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceEnvTest {

    @TempDir
    Path tmp;

    private ServiceEnv env(RunConfig run) {
        return new ServiceEnv(
                run,
                "127.0.0.1:9092",
                new StackInfo.S3Info("http://127.0.0.1:9000", "ak", "sk", "us-east-1", "simclr-data", "simclr"),
                new StackLayout(tmp.resolve("data")),
                new ServiceApps(tmp.resolve("repo")),
                new ServicePorts(1, 2, 3));
    }

    @Test
    void everyServiceGetsTheStackAndItsOwnPortCachesAndThreads() {
        RunConfig run = RunConfig.builder().setRunId("r1").setEvalSet("/fm").build();
        for (ServiceSpec s : env(run).specs()) {
            assertThat(s.env())
                    .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")
                    .containsEntry("SIMCLR_S3_ENDPOINT", "http://127.0.0.1:9000")
                    .containsEntry("SIMCLR_S3_ACCESS_KEY", "ak")
                    .containsEntry("OMP_WAIT_POLICY", "PASSIVE")
                    .containsEntry("ORT_DISABLE_TELEMETRY", "1")
                    .containsEntry("QUARKUS_LOG_CATEGORY__IO_SMALLRYE_HEALTH__LEVEL", "WARN")
                    .containsEntry(
                            "DJL_CACHE_DIR",
                            tmp.resolve("data/cache/djl").toAbsolutePath().toString());
            assertThat(s.jvmArgs())
                    .contains("-Dai.djl.pytorch.num_interop_threads=1")
                    .anyMatch(a -> a.startsWith("-Xmx"));
            assertThat(s.appJar())
                    .isEqualTo(tmp.resolve("repo/" + s.name() + "-service/target/quarkus-app/quarkus-run.jar")
                            .toAbsolutePath());
        }
        assertThat(env(run).specs()).extracting(ServiceSpec::name).containsExactly("augmenter", "trainer", "evaluator");
        assertThat(env(run).specs())
                .extracting(s -> s.env().get("QUARKUS_HTTP_PORT"))
                .containsExactly("1", "2", "3");
    }

    @Test
    void theRecipeReachesTheServicesThroughTheirKeys() {
        RunConfig run = RunConfig.builder()
                .setRunId("demo")
                .setEvalSet("/fm")
                .optTotalSteps(600)
                .optCheckpointEvery(150)
                .optTrainerThreads(1)
                .optTimeBudget(Duration.ofMinutes(11))
                .optEvalEveryNth(2)
                .build();
        Map<String, String> aug = env(run).augmenter().env();
        assertThat(aug)
                .containsEntry("SIMCLR_AUGMENTER_RUN_ID", "demo")
                .containsEntry("SIMCLR_AUGMENTER_POLICY_OUTPUT_SIZE", "28")
                .containsEntry("SIMCLR_AUGMENTER_POLICY_CROP_SCALE_MIN", "0.2")
                .containsEntry("SIMCLR_AUGMENTER_POLICY_GRAYSCALE_PROB", "0")
                .containsEntry("SIMCLR_AUGMENTER_MAX_POLL_RECORDS", "500");
        // the gate counts what the trainer holds back: 4 x its 2,048-pair shuffle buffer + 7 batches of 128
        // (4 queued, 2 at the staging thread, 1 pending)
        assertThat(run.trainerHoldBack()).isEqualTo(4 * 2_048 + 7 * 128);
        assertThat(aug).containsEntry("SIMCLR_AUGMENTER_MAX_VIEWS_LAG", String.valueOf(run.maxViewsLag() + 9_088));
        Map<String, String> tr = env(run).trainer().env();
        assertThat(tr)
                .containsEntry("SIMCLR_TRAINER_SHUFFLE_BUFFER", "2048")
                .containsEntry("SIMCLR_TRAINER_QUEUE_CAPACITY", "4")
                .containsEntry("SIMCLR_TRAINER_MODEL_WIDTH", "0.25")
                .containsEntry("SIMCLR_TRAINER_MODEL_STEM", "small")
                .containsEntry("SIMCLR_TRAINER_OPTIMIZER_ALGORITHM", "sgd")
                .containsEntry("SIMCLR_TRAINER_OPTIMIZER_LR", "0.3")
                .containsEntry("SIMCLR_TRAINER_OPTIMIZER_WEIGHT_DECAY", "5.0E-4")
                .containsEntry("SIMCLR_TRAINER_OPTIMIZER_WARMUP_STEPS", "60")
                .containsEntry("SIMCLR_TRAINER_THREADS", "1")
                .containsEntry("SIMCLR_TRAINER_TIME_BUDGET", "660s")
                .containsEntry("SIMCLR_TRAINER_CHECKPOINT_EVERY", "150")
                .containsEntry("SIMCLR_TRAINER_TOTAL_STEPS", "600")
                .containsEntry("SIMCLR_TRAINER_BUCKET", "simclr");
        // with a time budget the trainer stops by itself: no step limit
        assertThat(tr).containsEntry("SIMCLR_TRAINER_MAX_STEPS", "0");
        RunConfig fixed = RunConfig.builder()
                .setRunId("demo")
                .setEvalSet("/fm")
                .optTotalSteps(600)
                .build();
        assertThat(env(fixed).trainer().env())
                .as("without a budget: stop at the total")
                .containsEntry("SIMCLR_TRAINER_MAX_STEPS", "600");
        Map<String, String> ev = env(run).evaluator().env();
        assertThat(ev)
                .containsEntry("SIMCLR_EVALUATOR_EVAL_SET", "/fm")
                .containsEntry("SIMCLR_EVALUATOR_EVERY_NTH", "2")
                .containsEntry("SIMCLR_EVALUATOR_MAX_TRAIN_SAMPLES", "10000")
                .containsEntry("SIMCLR_EVALUATOR_MAX_TEST_SAMPLES", "2000")
                .containsEntry("SIMCLR_EVALUATOR_BUCKET", "simclr")
                .doesNotContainKey("SIMCLR_EVALUATOR_HOLDOUT_SET");
        // no normalisation given: Fashion-MNIST's for 1 channel, stated; no zero-init
        assertThat(tr)
                .containsEntry("SIMCLR_TRAINER_MODEL_MEAN", "0.286")
                .containsEntry("SIMCLR_TRAINER_MODEL_STD", "0.353")
                .doesNotContainKeys("SIMCLR_TRAINER_TIME_BUDGET_MEASURE_STEPS")
                .containsEntry("SIMCLR_TRAINER_MODEL_ZERO_INIT_RESIDUAL", "false");
    }

    @Test
    void oneCanvasGoesToTheAugmenterAndTheTrainerAndTheHeldOutManifestToTheEvaluator() {
        RunConfig run = RunConfig.builder()
                .setRunId("photos")
                .setEvalSet("/fm")
                .optInputSize(64)
                .optChannels(3)
                .optFit("center-crop")
                .optHoldoutSet("s3://simclr-data/eval-sets/photos/holdout.jsonl")
                .build();
        assertThat(env(run).augmenter().env()).containsEntry("SIMCLR_AUGMENTER_POLICY_FIT", "center-crop");
        assertThat(env(run).trainer().env())
                .containsEntry("SIMCLR_TRAINER_MODEL_FIT", "center-crop")
                .containsEntry("SIMCLR_TRAINER_MODEL_MEAN", "0.485,0.456,0.406")
                .containsEntry("SIMCLR_TRAINER_MODEL_STD", "0.229,0.224,0.225");
        assertThat(env(run).evaluator().env())
                .containsEntry("SIMCLR_EVALUATOR_HOLDOUT_SET", "s3://simclr-data/eval-sets/photos/holdout.jsonl");
        assertThat(env(RunConfig.builder().setRunId("r").setEvalSet("/fm").build())
                        .augmenter()
                        .env())
                .containsEntry("SIMCLR_AUGMENTER_POLICY_FIT", "pad");
        assertThatThrownBy(() -> RunConfig.builder()
                        .setRunId("r")
                        .setEvalSet("/fm")
                        .optFit("stretch")
                        .build())
                .hasMessage("--fit: unknown fit 'stretch': expected pad, resize or center-crop");
    }

    @Test
    void normalisationZeroInitAndBudgetMeasurementReachTheTrainer() {
        RunConfig run = RunConfig.builder()
                .setRunId("demo")
                .setEvalSet("/fm")
                .optTimeBudget(Duration.ofMinutes(11))
                .optNormalization(List.of(0.286), List.of(0.353))
                .optZeroInitResidual(true)
                .optBudgetMeasureSteps(40)
                .optBudgetSettleSteps(60)
                .build();
        assertThat(env(run).trainer().env())
                .containsEntry("SIMCLR_TRAINER_MODEL_MEAN", "0.286")
                .containsEntry("SIMCLR_TRAINER_MODEL_STD", "0.353")
                .containsEntry("SIMCLR_TRAINER_MODEL_ZERO_INIT_RESIDUAL", "true")
                .containsEntry("SIMCLR_TRAINER_TIME_BUDGET_MEASURE_STEPS", "40")
                .containsEntry("SIMCLR_TRAINER_TIME_BUDGET_SETTLE_STEPS", "60");
        RunConfig rgb = RunConfig.builder()
                .setRunId("rgb")
                .setEvalSet("/x")
                .optChannels(3)
                .optNormalization(List.of(0.5, 0.5, 0.5), List.of(0.25, 0.25, 0.25))
                .build();
        assertThat(env(rgb).trainer().env()).containsEntry("SIMCLR_TRAINER_MODEL_MEAN", "0.5,0.5,0.5");
        assertThatThrownBy(() -> RunConfig.builder()
                        .setRunId("r")
                        .setEvalSet("/x")
                        .optChannels(3)
                        .optNormalization(List.of(0.5), List.of(0.25))
                        .build())
                .hasMessage("normalisation needs one mean and one std per channel (3), got 1 and 1");
    }

    @Test
    void kafkaSettingsOfTheLaunchersEnvironmentAreBlankedForTheServices() {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        ServiceEnv.unsetKafkaSettings(
                Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_SASL_JAAS_CONFIG", "x", "PATH", "/usr/bin"), env);
        assertThat(env).containsOnly(Map.entry("KAFKA_SECURITY_PROTOCOL", ""), Map.entry("KAFKA_SASL_JAAS_CONFIG", ""));
    }

    @Test
    void aResNet50RunCapsOneDnnAtAvxForTheTrainerAndTheEvaluatorOnly() {
        RunConfig r50 = RunConfig.builder()
                .setRunId("big")
                .setEvalSet("/fm")
                .optArch("resnet50")
                .optStem("imagenet")
                .optChannels(3)
                .optInputSize(224)
                .build();
        assertThat(env(r50).trainer().env()).containsEntry("ONEDNN_MAX_CPU_ISA", "AVX");
        assertThat(env(r50).evaluator().env()).containsEntry("ONEDNN_MAX_CPU_ISA", "AVX");
        assertThat(env(r50).augmenter().env()).doesNotContainKey("ONEDNN_MAX_CPU_ISA");
        RunConfig r18 = RunConfig.builder().setRunId("small").setEvalSet("/fm").build();
        assertThat(env(r18).trainer().env()).doesNotContainKey("ONEDNN_MAX_CPU_ISA");
        assertThat(env(r18).evaluator().env()).doesNotContainKey("ONEDNN_MAX_CPU_ISA");
    }

    @Test
    void aGateOfZeroStaysOffAndTheDemoGateLeavesRoomForTheShuffleBuffer() {
        RunConfig off = RunConfig.builder()
                .setRunId("r")
                .setEvalSet("/fm")
                .optMaxViewsLag(0)
                .build();
        assertThat(env(off).augmenter().env()).containsEntry("SIMCLR_AUGMENTER_MAX_VIEWS_LAG", "0");
        RunConfig big = RunConfig.builder()
                .setRunId("r")
                .setEvalSet("/fm")
                .optBatchSize(512)
                .optMaxViewsLag(4_000)
                .build();
        // B = 512: a 8,192-pair buffer may hold the committed position 32,768 + 7 x 512 pairs back
        assertThat(env(big).augmenter().env()).containsEntry("SIMCLR_AUGMENTER_MAX_VIEWS_LAG", "40352");
        assertThat(env(big).trainer().env()).containsEntry("SIMCLR_TRAINER_SHUFFLE_BUFFER", "8192");
    }
}
