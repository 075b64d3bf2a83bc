package dev.simclr.model.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import dev.simclr.model.Arch;
import dev.simclr.model.Devices;
import dev.simclr.model.ModelConfig;
import dev.simclr.model.SimClrModel;
import dev.simclr.model.Stem;
import dev.simclr.model.engine.Torch;
import dev.simclr.model.loss.NtXentLoss;
import dev.simclr.model.optim.LrSchedule;
import dev.simclr.model.optim.SgdNesterov;
import dev.simclr.model.train.SimClrTrainer;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Training-step throughput on synthetic data, printed as one JSON line on stdout (progress on stderr). Defaults mirror
 * {@code torch_cpu_train_bench.py}: ResNet-18, small stem, 1x32x32, 256 views per step, head d-d-128, NT-Xent tau 0.2,
 * SGD-Nesterov (lr 0.1, momentum 0.9).
 *
 * <pre>
 * java -Dai.djl.pytorch.num_interop_threads=1 -cp ... dev.simclr.model.bench.StepBench \
 *     [--width 1.0] [--views 256] [--steps 5] [--size 32] [--channels 1] [--arch resnet18]
 *     [--stem small] [--device auto] [--input bytes|tensor]
 * </pre>
 *
 * {@code --input bytes} (default) assembles each step from uint8 view pairs as the trainer service does; {@code tensor}
 * reuses one device tensor like the PyTorch anchor.
 */
public final class StepBench {

    private StepBench() {}

    /**
     * Runs the bench.
     *
     * @param args see the class comment
     */
    public static void main(String[] args) {
        String line;
        try {
            line = run(BenchArgs.parse(args));
        } catch (IllegalArgumentException e) {
            System.err.println("step-bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println(line);
    }

    static String run(BenchArgs a) {
        Engine engine = Torch.engine();
        ModelConfig config = ModelConfig.builder()
                .setChannels(a.channels())
                .setInputSize(a.size())
                .optArch(Arch.parse(a.arch()))
                .optStem(Stem.parse(a.stem()))
                .optWidth(a.width())
                .build();
        Device device = Devices.parse(a.device());
        int pairs = a.views() / 2;
        List<byte[]> first = randomViews(pairs, config, 1);
        List<byte[]> second = randomViews(pairs, config, 2);
        try (SimClrModel model = SimClrModel.create(config, device, 42)) {
            SimClrTrainer trainer = new SimClrTrainer(
                    model,
                    SgdNesterov.builder()
                            .setLearningRate(LrSchedule.constant(0.1))
                            .build(),
                    new NtXentLoss(0.2));
            try (NDManager fixed = model.manager().newSubManager()) {
                NDArray tensor = a.tensorInput() ? trainer.assembler().assemble(fixed, first, second) : null;
                Runnable step = () -> {
                    if (tensor != null) {
                        trainer.step(tensor);
                    } else {
                        trainer.step(first, second);
                    }
                };
                step.run(); // warm-up, as the anchor
                long cpuStart = processCpuNanos();
                long start = System.nanoTime();
                for (int i = 1; i <= a.steps(); i++) {
                    step.run();
                    double elapsed = (System.nanoTime() - start) / 1e9;
                    System.err.printf(
                            Locale.ROOT,
                            "step %d/%d: %.1f views/s, ETA %.0f s%n",
                            i,
                            a.steps(),
                            i * a.views() / elapsed,
                            elapsed / i * (a.steps() - i));
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpuPerStep = (processCpuNanos() - cpuStart) / 1e9 / a.steps();
                return String.format(
                        Locale.ROOT,
                        "{\"bench\":\"simclr-train-step\",\"engine\":\"%s %s\","
                                + "\"device\":\"%s\",\"arch\":\"%s\",\"stem\":\"%s\",\"width\":%s,\"channels\":%d,"
                                + "\"size\":%d,\"encoderParams\":%d,\"views\":%d,\"steps\":%d,\"input\":\"%s\","
                                + "\"intraOpThreads\":%d,\"interOpThreads\":%d,\"seconds\":%.3f,\"cpuSecondsPerStep\":%.2f,\"viewsPerSec\":%.1f}",
                        engine.getEngineName(),
                        engine.getVersion(),
                        device,
                        config.arch().id(),
                        config.stem().id(),
                        config.width(),
                        config.channels(),
                        config.inputSize(),
                        model.encoderParameterCount(),
                        a.views(),
                        a.steps(),
                        a.tensorInput() ? "tensor" : "bytes",
                        JniUtils.getNumThreads(),
                        JniUtils.getNumInteropThreads(),
                        seconds,
                        cpuPerStep,
                        a.steps() * a.views() / seconds);
            }
        }
    }

    /** CPU time of the whole process (all threads), robust to other processes sharing the cores. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static List<byte[]> randomViews(int count, ModelConfig config, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<byte[]> views = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] v = new byte[config.inputSize() * config.inputSize() * config.channels()];
            for (int j = 0; j < v.length; j++) {
                v[j] = (byte) rng.nextInt(256);
            }
            views.add(v);
        }
        return views;
    }
}
