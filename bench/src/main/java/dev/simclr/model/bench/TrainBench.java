package dev.simclr.model.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.simclr.augment.DecodedImage;
import dev.simclr.augment.PolicyConfig;
import dev.simclr.augment.PolicyConfigBuilder;
import dev.simclr.augment.SimClrPolicy;
import dev.simclr.contracts.Json;
import dev.simclr.evaluation.data.EvalSetException;
import dev.simclr.model.Devices;
import dev.simclr.model.ModelConfig;
import dev.simclr.model.SimClrModel;
import dev.simclr.model.run.OptimizerSpec;
import dev.simclr.model.run.TorchSetup;
import dev.simclr.model.run.TrainingSession;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * End-to-end training bench without Kafka: Fashion-MNIST IDX files, SimCLR views drawn in process by
 * {@code libs/augment} on worker threads (overlapping training through a bounded prefetch queue), DJL training steps,
 * optionally the fixed evaluation protocol at the end. Prints one JSON line per {@code --log-every} steps and a JSON
 * summary on stdout; logs go to stderr.
 *
 * <pre>
 * OMP_WAIT_POLICY=PASSIVE java -Dai.djl.pytorch.num_interop_threads=1 -cp ... \
 *     dev.simclr.model.bench.TrainBench --width 0.25 --batch 128 --steps 50 --optimizer sgd --lr 0.1
 * </pre>
 *
 * See {@link TrainBenchArgs#USAGE} for every option; bad arguments exit with status 2.
 */
public final class TrainBench {

    private TrainBench() {}

    /**
     * Runs the bench.
     *
     * @param args see the class comment
     */
    public static void main(String[] args) {
        TrainBenchArgs a;
        try {
            a = TrainBenchArgs.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("train-bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            System.out.println(run(a).toString());
        } catch (IllegalArgumentException | EvalSetException e) {
            System.err.println("train-bench: " + e.getMessage());
            System.exit(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println("train-bench: interrupted");
            System.exit(1);
        } catch (RuntimeException e) {
            System.err.println("train-bench: failed: " + e);
            System.exit(1);
        }
    }

    static ObjectNode run(TrainBenchArgs a) throws InterruptedException {
        double loadBefore = load();
        String threads = TorchSetup.configure(a.threads(), a.arch().bottleneck());
        Engine engine = Engine.getEngine("PyTorch");
        Device device = Devices.parse(a.device());
        ModelConfig config = a.modelConfig();
        long t0 = System.nanoTime();
        DecodedImage[] images = BenchData.trainImages(a);
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        long stepsPerEpoch = images.length / a.batch();
        long steps = a.steps() > 0 ? a.steps() : a.epochs() * stepsPerEpoch;
        OptimizerSpec.Builder ob = OptimizerSpec.builder()
                .setTotalSteps(steps)
                .setBatchSize(a.batch())
                .optAlgorithm(a.optimizer())
                .optWarmupSteps(a.warmupSteps(steps));
        if (a.lr() != null) {
            ob.optLearningRate(a.lr());
        }
        if (a.weightDecay() != null) {
            ob.optWeightDecay(a.weightDecay());
        }
        OptimizerSpec spec = ob.build();
        PolicyConfigBuilder pb = PolicyConfig.builder()
                .setOutputSize(config.inputSize())
                .setOutputChannels(config.channels())
                .optFit(config.fit())
                .optCropScale(a.cropMin(), a.cropMax());
        if (a.jitterStrength() != null) {
            pb.optJitterStrength(a.jitterStrength());
        }
        SimClrPolicy policy = new SimClrPolicy(pb.build());
        System.err.printf(
                Locale.ROOT,
                "train-bench: %s %s on %s (%s); %s, %d steps of %d pairs (%d per epoch); %s; "
                        + "policy %s; %d images loaded in %.1f s%n",
                engine.getEngineName(),
                engine.getVersion(),
                device,
                threads,
                config.arch().id(),
                steps,
                a.batch(),
                stepsPerEpoch,
                spec.toMap(),
                policy.config(),
                images.length,
                loadSeconds);

        ObjectMapper json = Json.mapper();
        ObjectNode summary = json.createObjectNode();
        summary.put("bench", "simclr-train-end-to-end");
        summary.set("config", config(a, config, spec, device, engine, policy));
        try (TrainingSession session = TrainingSession.create(config, spec, a.temperature(), device, a.seed());
                AugmentedBatches batches = new AugmentedBatches(
                        images, policy, a.batch(), a.seed(), steps, a.augThreads(), a.prefetch())) {
            summary.put("encoderParams", session.model().encoderParameterCount());
            TrainLoop.Result r = TrainLoop.run(session, batches, steps, a.logEvery(), stepsPerEpoch);
            summary.put("steps", r.steps());
            summary.put("epochs", (double) r.steps() / stepsPerEpoch);
            summary.put("pairs", r.steps() * a.batch());
            summary.put("seconds", r.seconds());
            summary.put("viewsPerSec", r.viewsPerSecond());
            summary.put("viewsPerSecAfterFirstStep", r.viewsPerSecondAfterFirst());
            summary.put("cpuSecondsPerStep", r.cpuSecondsPerStep());
            summary.put("inputWaitSec", r.inputWaitSeconds());
            summary.put("firstLoss", r.firstLoss());
            summary.put("loss", r.lastLoss());
            summary.put("meanLossLast10", r.meanLossLast10());
            if (a.eval()) {
                System.err.println("train-bench: evaluating the trained encoder");
                var set = BenchData.evalSet(a);
                summary.set("eval", BenchEvaluation.evaluate(session.model(), set));
                if (a.evalBaselines()) {
                    System.err.println("train-bench: evaluating the random-init encoder (same seed)");
                    try (SimClrModel random = SimClrModel.create(config, device, a.seed())) {
                        summary.set("evalRandomInit", BenchEvaluation.evaluate(random, set));
                    }
                }
            }
        }
        ObjectNode machine = summary.putObject("machine");
        machine.put("cpus", Runtime.getRuntime().availableProcessors());
        machine.put("loadAverage1mBefore", loadBefore);
        machine.put("loadAverage1mAfter", load());
        machine.put("threads", threads);
        machine.put("libtorch", TorchSetup.nativeLibrary());
        machine.put("java", System.getProperty("java.version"));
        return summary;
    }

    private static ObjectNode config(
            TrainBenchArgs a,
            ModelConfig config,
            OptimizerSpec spec,
            Device device,
            Engine engine,
            SimClrPolicy policy) {
        ObjectNode c = Json.mapper().createObjectNode();
        c.put("engine", engine.getEngineName() + " " + engine.getVersion());
        c.put("device", device.toString());
        c.set("model", Json.mapper().valueToTree(config.toMap()));
        c.set("optimizer", Json.mapper().valueToTree(spec.toMap()));
        c.put("temperature", a.temperature());
        c.put("batchPairs", a.batch());
        c.put("cropScale", a.cropMin() + "," + a.cropMax());
        c.put("policy", policy.config().toString());
        c.put("seed", a.seed());
        c.put("augThreads", a.augThreads());
        c.put("prefetch", a.prefetch());
        c.put("data", a.data().toString());
        return c;
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
