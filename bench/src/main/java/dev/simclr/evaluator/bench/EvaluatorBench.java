package dev.simclr.evaluator.bench;

import ai.djl.Device;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.simclr.bench.BenchCli;
import dev.simclr.contracts.CheckpointEvent;
import dev.simclr.contracts.CheckpointManifest;
import dev.simclr.contracts.EvalResult;
import dev.simclr.contracts.Json;
import dev.simclr.evaluator.config.EvaluatorSetup;
import dev.simclr.evaluator.loop.ArtefactLayout;
import dev.simclr.evaluator.loop.CheckpointEvaluator;
import dev.simclr.evaluator.loop.EvalSets;
import dev.simclr.evaluator.loop.MemoryArtefacts;
import dev.simclr.model.Arch;
import dev.simclr.model.ModelConfig;
import dev.simclr.model.SimClrModel;
import dev.simclr.model.Stem;
import dev.simclr.model.train.TrainerState;
import dev.simclr.objectstore.VerifiedCheckpoint;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Runs the evaluator's whole per-checkpoint pipeline (checkpoint decode, model rebuild, features of the full eval set,
 * linear probe + kNN, ONNX export + parity, embedding) on a random-init checkpoint held in memory, and prints one JSON
 * object with the timings, features images/s and probe + kNN time. No Kafka, no S3.
 *
 * <pre>
 * java -cp "$CP" dev.simclr.evaluator.bench.EvaluatorBench --width 1.0 --data /usr/share/datasets/fashion-mnist
 * </pre>
 *
 * Options: {@code --arch resnet18|resnet34|resnet50}, {@code --stem small|imagenet}, {@code --width W}, {@code --input
 * S}, {@code --data DIR}, {@code --cache DIR}, {@code --batch N}, {@code --parity N}, {@code --max-train N},
 * {@code --max-test N} (0 = all).
 */
public final class EvaluatorBench {

    private EvaluatorBench() {}

    public static void main(String[] args) {
        consoleLogging();
        BenchCli.run(
                "evaluator-bench",
                args,
                Map.of(
                        "arch",
                        "resnet18",
                        "stem",
                        "small",
                        "width",
                        "1.0",
                        "input",
                        "32",
                        "data",
                        "/usr/share/datasets/fashion-mnist",
                        "cache",
                        "/tmp/simclr/evalsets",
                        "batch",
                        "256",
                        "parity",
                        "256",
                        "max-train",
                        "0",
                        "max-test",
                        "0"),
                EvaluatorBench::run);
    }

    /**
     * Progress logs (feature extraction images/s and ETA, probe) to stderr. Outside a Quarkus application nothing
     * configures logging, and Quarkus' bootstrap jar installs a handler that only buffers until it would: replace it by
     * a console handler.
     */
    private static void consoleLogging() {
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        for (java.util.logging.Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        java.util.logging.ConsoleHandler console = new java.util.logging.ConsoleHandler();
        console.setLevel(java.util.logging.Level.INFO);
        root.addHandler(console);
        root.setLevel(java.util.logging.Level.INFO);
    }

    static ObjectNode run(Map<String, String> a) {
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        ModelConfig config = ModelConfig.builder()
                .setChannels(1)
                .setInputSize(Integer.parseInt(a.get("input")))
                .optArch(Arch.parse(a.get("arch")))
                .optStem(Stem.parse(a.get("stem")))
                .optWidth(Double.parseDouble(a.get("width")))
                .optNormalization(List.of(0.286), List.of(0.353))
                .build();
        String run = "bench";
        long step = 1;
        TrainerState state;
        long params;
        try (SimClrModel model = SimClrModel.create(config, Device.cpu(), 0)) {
            state = new TrainerState(config, step, 0, "lars", model.saveParameters(), new byte[] {0});
            params = model.encoderParameterCount();
        }
        ArtefactLayout layout = new ArtefactLayout("bench");
        CheckpointManifest manifest = CheckpointManifest.builder()
                .setRunId(run)
                .setStep(step)
                .setEpoch(0)
                .setSamplesSeen(0)
                .setCreatedAt(Instant.now())
                .optAttributes(state.attributes())
                .build();
        String sha = "0".repeat(64);
        VerifiedCheckpoint checkpoint = new VerifiedCheckpoint(layout.step(run, step), manifest, sha, state.files());
        MemoryArtefacts store = new MemoryArtefacts();
        EvaluatorSetup setup = EvaluatorSetup.of(EvaluatorSetup.mapping(
                Map.of("batch-size", a.get("batch"), "parity-images", a.get("parity"), "device", "cpu")));
        EvalSets sets = EvalSets.fashionMnist(
                Path.of(a.get("data")),
                Path.of(a.get("cache")),
                new EvalSets.Limits(Integer.parseInt(a.get("max-train")), Integer.parseInt(a.get("max-test")), 0));
        CheckpointEvaluator evaluator =
                new CheckpointEvaluator(layout, prefix -> checkpoint, store, sets, setup, Clock.systemUTC());
        CheckpointEvent event =
                new CheckpointEvent(run, step, 0, 0, 0.0, layout.step(run, step).toString(), sha, Instant.now());

        EvalResult r = evaluator.evaluate(event).result();
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Map<String, Long> t = r.timingsMs();
        long probePlusKnn = t.get("standardize") + t.get("linear") + t.get("knn");
        int images = r.trainCount() + r.testCount();
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("bench", "evaluator-full-protocol");
        o.set("model", Json.mapper().valueToTree(config.toMap()));
        o.put("encoderParameters", params);
        o.put("evalSet", r.evalSet());
        o.put("trainCount", r.trainCount());
        o.put("testCount", r.testCount());
        o.put("featureDim", r.featureDim());
        o.put("linearTop1", r.linearTop1());
        o.put("knnTop1", r.knnTop1());
        o.put("onnxMaxAbsDiff", r.onnxMaxAbsDiff());
        o.put("onnxBytes", store.size(layout.onnx(run, step)));
        o.put("featuresImagesPerSecond", Math.round(images / (t.get("features") / 1000.0) * 10) / 10.0);
        o.put("probePlusKnnMs", probePlusKnn);
        o.put("probePlusKnnTargetMs", 60_000);
        o.set("timingsMs", Json.mapper().valueToTree(t));
        o.put("cores", Runtime.getRuntime().availableProcessors());
        o.put("load1Before", loadBefore);
        o.put("load1After", loadAfter);
        o.put("ompWaitPolicy", String.valueOf(System.getenv("OMP_WAIT_POLICY")));
        o.put("java", System.getProperty("java.version"));
        return o;
    }
}
