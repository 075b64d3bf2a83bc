package dev.simclr.bench;

import dev.simclr.augment.bench.AugmentBench;
import dev.simclr.augment.bench.CacheBench;
import dev.simclr.evaluation.bench.ProtocolBench;
import dev.simclr.evaluator.bench.EmbedBench;
import dev.simclr.evaluator.bench.EvaluatorBench;
import dev.simclr.model.bench.StepBench;
import dev.simclr.model.bench.TrainBench;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one entry point of the benchmarks: {@code Bench NAME [args]} runs bench NAME's main with the remaining arguments
 * ({@code ./simclr bench NAME [args]} builds this module and runs it with the JVM options of each bench; see
 * docs/benchmarks.md). {@code --help} lists the benches.
 */
public final class Bench {

    /** A bench's main method. */
    @FunctionalInterface
    interface Main {
        void main(String[] args) throws Exception;
    }

    record Command(String summary, Main main) {}

    /** The benches by name, in the order --help lists them. */
    static final Map<String, Command> COMMANDS = commands();

    private Bench() {}

    private static Map<String, Command> commands() {
        Map<String, Command> c = new LinkedHashMap<>();
        c.put(
                "augment",
                new Command(
                        "augmentation throughput on one core, Fashion-MNIST and 224 px JPEG views (AugmentBench)",
                        AugmentBench::main));
        c.put(
                "cache",
                new Command(
                        "the epoch cache under replay against the LRU, hit rates and views/s (CacheBench)",
                        CacheBench::main));
        c.put("step", new Command("DJL training-step throughput on synthetic data (StepBench)", StepBench::main));
        c.put(
                "train",
                new Command(
                        "end-to-end training from Fashion-MNIST without Kafka, optionally the evaluation protocol"
                                + " (TrainBench)",
                        TrainBench::main));
        c.put(
                "protocol",
                new Command(
                        "the evaluation protocol (linear probe + k-NN) on raw or random features, optionally"
                                + " against the torch anchor (ProtocolBench)",
                        ProtocolBench::main));
        c.put(
                "evaluator",
                new Command(
                        "the evaluator's per-checkpoint pipeline on Fashion-MNIST for a random-init"
                                + " checkpoint (EvaluatorBench)",
                        EvaluatorBench::main));
        c.put(
                "embed",
                new Command(
                        "embedding speed: DJL features, encoder.onnx on ONNX Runtime, the `simclr embed` path"
                                + " (EmbedBench)",
                        EmbedBench::main));
        return c;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            System.out.print(usage());
            System.exit(args.length == 0 ? 2 : 0);
            return;
        }
        Command command = COMMANDS.get(args[0]);
        if (command == null) {
            System.err.println("bench: unknown bench '" + args[0] + "'");
            System.err.print(usage());
            System.exit(2);
            return;
        }
        command.main().main(Arrays.copyOfRange(args, 1, args.length));
    }

    static String usage() {
        StringBuilder s = new StringBuilder("Usage: ./simclr bench NAME [options of the bench]\n\nBenches:\n");
        COMMANDS.forEach((name, c) -> s.append(String.format("  %-10s %s%n", name, c.summary())));
        s.append("\nThe options of each bench: its class javadoc and docs/benchmarks.md. ./simclr bench also takes\n"
                + "--no-native-jar (DJL loads the libtorch of PYTORCH_LIBRARY_PATH instead of the CPU native jar).\n");
        return s.toString();
    }
}
