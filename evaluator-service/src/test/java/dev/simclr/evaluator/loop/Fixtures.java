package dev.simclr.evaluator.loop;

import ai.djl.Device;
import dev.simclr.contracts.CheckpointEvent;
import dev.simclr.contracts.CheckpointManifest;
import dev.simclr.evaluation.data.EvalSet;
import dev.simclr.evaluation.data.EvalSetSource;
import dev.simclr.evaluation.data.LabelledImages;
import dev.simclr.evaluation.data.Preprocessing;
import dev.simclr.evaluator.config.EvaluatorConfigs;
import dev.simclr.evaluator.config.EvaluatorSetup;
import dev.simclr.model.Arch;
import dev.simclr.model.ModelConfig;
import dev.simclr.model.SimClrModel;
import dev.simclr.model.Stem;
import dev.simclr.model.train.TrainerState;
import dev.simclr.objectstore.S3Uri;
import dev.simclr.objectstore.VerifiedCheckpoint;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Tiny models, checkpoints and a synthetic eval set for pipeline tests. */
final class Fixtures {

    static final String BUCKET = "simclr-test";
    static final String SHA = "a".repeat(64);

    private Fixtures() {}

    static ModelConfig tinyConfig() {
        return ModelConfig.builder()
                .setChannels(1)
                .setInputSize(16)
                .optArch(Arch.RESNET18)
                .optStem(Stem.SMALL)
                .optWidth(0.125)
                .optNormalization(List.of(0.3), List.of(0.3))
                .build();
    }

    /** A checkpoint as the trainer writes it: TrainerState files + attributes. */
    static VerifiedCheckpoint checkpoint(String run, long step, ModelConfig config, long seed) {
        TrainerState state;
        try (SimClrModel model = SimClrModel.create(config, Device.cpu(), seed)) {
            state = new TrainerState(config, step, seed, "lars", model.saveParameters(), new byte[] {1, 2, 3});
        }
        CheckpointManifest manifest = CheckpointManifest.builder()
                .setRunId(run)
                .setStep(step)
                .setEpoch(0)
                .setSamplesSeen(step * 128)
                .setCreatedAt(Instant.parse("2026-01-01T00:00:00Z"))
                .optAttributes(state.attributes())
                .build();
        return new VerifiedCheckpoint(new ArtefactLayout(BUCKET).step(run, step), manifest, SHA, state.files());
    }

    static CheckpointEvent event(String run, long step) {
        return event(BUCKET, run, step);
    }

    static CheckpointEvent event(String bucket, String run, long step) {
        return new CheckpointEvent(
                run,
                step,
                0,
                step * 128,
                1.5,
                "s3://" + bucket + "/" + run + "/step-" + step + "/",
                SHA,
                Instant.parse("2026-01-01T00:00:00Z"));
    }

    static EvalSets evalSets(Path cacheDir, int maxTrain, int maxTest) {
        return new EvalSets(Synthetic::new, null, cacheDir, new EvalSets.Limits(maxTrain, maxTest, LABEL_FREE_SAMPLES));
    }

    /** Held-out images of the label-free measures in {@link #evalSets}. */
    static final int LABEL_FREE_SAMPLES = 20;

    static EvaluatorSetup settings(double tolerance) {
        return EvaluatorConfigs.setup(Map.of(
                "device",
                "cpu",
                "batch-size",
                "32",
                "parity-images",
                "16",
                "parity-tolerance",
                Double.toString(tolerance),
                "threads",
                "1",
                "embedding-points",
                "25",
                "reference-seed",
                "0",
                "onnx-device",
                "auto"));
    }

    /** 3 classes of 12x12 grey images: a bright 4x4 square whose position is the class, plus noise. */
    static final class Synthetic implements EvalSetSource {

        @Override
        public String name() {
            return "synthetic";
        }

        @Override
        public String identity() {
            return "synthetic:v1";
        }

        @Override
        public EvalSet load(Preprocessing p) {
            return new EvalSet(
                    name(), identity(), p, List.of("left", "middle", "right"), split(p, 60, 1), split(p, 30, 2));
        }

        private static LabelledImages split(Preprocessing p, int n, long seed) {
            SplittableRandom rng = new SplittableRandom(seed);
            byte[] out = new byte[n * p.imageBytes()];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = i % 3;
                byte[] img = new byte[12 * 12];
                for (int j = 0; j < img.length; j++) {
                    img[j] = (byte) rng.nextInt(40);
                }
                for (int y = 4; y < 8; y++) {
                    for (int x = 0; x < 4; x++) {
                        img[y * 12 + labels[i] * 4 + x] = (byte) (200 + rng.nextInt(55));
                    }
                }
                p.apply(img, 0, 12, 12, 1, out, i * p.imageBytes());
            }
            return new LabelledImages(p.height(), p.width(), p.channels(), out, labels);
        }
    }

    static S3Uri uri(String s) {
        return S3Uri.parse(s);
    }

    static Map<String, Object> attributesWithout(VerifiedCheckpoint cp, String key) {
        Map<String, Object> a = new java.util.LinkedHashMap<>(cp.manifest().attributes());
        a.remove(key);
        return a;
    }
}
