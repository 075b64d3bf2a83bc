package dev.simclr.faults;

import java.nio.file.Path;
import java.util.Map;

/**
 * The services' settings for the fault ITs: a ResNet-18 at 1/8 width on 16 px grey views, checkpoints every 10 steps,
 * an evaluation on 300/100 images of the bundled Fashion-MNIST subset, one thread each.
 */
final class Env {

    private Env() {}

    /**
     * Environment variables per service.
     *
     * @param run the run id
     * @param bucket checkpoints and artefacts
     * @param repo the repository root (for the bundled eval set)
     * @param dir the test's directory (eval-set cache)
     * @param maxSteps the trainer's max-steps (0 = until stopped)
     */
    static Map<String, Map<String, String>> services(String run, String bucket, Path repo, Path dir, long maxSteps) {
        return Map.of(
                "augmenter",
                        Map.ofEntries(
                                Map.entry("SIMCLR_AUGMENTER_RUN_ID", run),
                                Map.entry("SIMCLR_AUGMENTER_EPOCHS", "100"),
                                Map.entry("SIMCLR_AUGMENTER_INSTANCE_ID", "faults-0"),
                                Map.entry("SIMCLR_AUGMENTER_WORKERS", "1"),
                                Map.entry("SIMCLR_AUGMENTER_MAX_POLL_RECORDS", "64"),
                                Map.entry("SIMCLR_AUGMENTER_MAX_VIEWS_LAG", "600"),
                                Map.entry("SIMCLR_AUGMENTER_POLICY_OUTPUT_SIZE", "16"),
                                Map.entry("SIMCLR_AUGMENTER_POLICY_OUTPUT_CHANNELS", "1")),
                "trainer",
                        Map.ofEntries(
                                Map.entry("SIMCLR_TRAINER_RUN_ID", run),
                                Map.entry("SIMCLR_TRAINER_BUCKET", bucket),
                                Map.entry("SIMCLR_TRAINER_BATCH_SIZE", "16"),
                                Map.entry("SIMCLR_TRAINER_PARTIAL_BATCH_TIMEOUT", "10s"),
                                Map.entry("SIMCLR_TRAINER_CHECKPOINT_EVERY", "10"),
                                Map.entry("SIMCLR_TRAINER_TOTAL_STEPS", "100000"),
                                Map.entry("SIMCLR_TRAINER_MAX_STEPS", String.valueOf(maxSteps)),
                                Map.entry("SIMCLR_TRAINER_EPOCHS", ""),
                                Map.entry("SIMCLR_TRAINER_DATASET_SIZE", ""),
                                Map.entry("SIMCLR_TRAINER_MODEL_WIDTH", "0.125"),
                                Map.entry("SIMCLR_TRAINER_MODEL_CHANNELS", "1"),
                                Map.entry("SIMCLR_TRAINER_MODEL_MEAN", "0.286"),
                                Map.entry("SIMCLR_TRAINER_MODEL_STD", "0.353"),
                                Map.entry("SIMCLR_TRAINER_MODEL_INPUT_SIZE", "16"),
                                Map.entry("SIMCLR_TRAINER_MODEL_PROJECTION_DIM", "32"),
                                Map.entry("SIMCLR_TRAINER_OPTIMIZER_ALGORITHM", "sgd"),
                                Map.entry("SIMCLR_TRAINER_OPTIMIZER_LR", "0.01"),
                                Map.entry("SIMCLR_TRAINER_DEVICE", "cpu"),
                                Map.entry("SIMCLR_TRAINER_THREADS", "1"),
                                Map.entry("SIMCLR_TRAINER_LEASE_HOLDER_ID", "faults-trainer"),
                                Map.entry("SIMCLR_TRAINER_LEASE_TTL", "10s"),
                                Map.entry("SIMCLR_TRAINER_PROGRESS_INTERVAL", "5s")),
                "evaluator",
                        Map.ofEntries(
                                Map.entry("SIMCLR_EVALUATOR_BUCKET", bucket),
                                Map.entry(
                                        "SIMCLR_EVALUATOR_EVAL_SET",
                                        repo.resolve("datasets/fashion-mnist-subset")
                                                .toString()),
                                Map.entry(
                                        "SIMCLR_EVALUATOR_EVAL_SET_CACHE_DIR",
                                        dir.resolve("evalsets").toString()),
                                Map.entry("SIMCLR_EVALUATOR_MAX_TRAIN_SAMPLES", "300"),
                                Map.entry("SIMCLR_EVALUATOR_MAX_TEST_SAMPLES", "100"),
                                Map.entry("SIMCLR_EVALUATOR_PARITY_IMAGES", "16"),
                                Map.entry("SIMCLR_EVALUATOR_REFERENCES", "false"),
                                Map.entry("SIMCLR_EVALUATOR_THREADS", "1"),
                                Map.entry("SIMCLR_EVALUATOR_DEVICE", "cpu"),
                                Map.entry("SIMCLR_EVALUATOR_TAIL_GRACE", "30s")));
    }
}
