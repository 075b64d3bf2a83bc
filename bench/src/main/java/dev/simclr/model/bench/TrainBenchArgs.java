package dev.simclr.model.bench;

import dev.simclr.augment.resize.ResizeMode;
import dev.simclr.model.Arch;
import dev.simclr.model.ModelConfig;
import dev.simclr.model.Stem;
import dev.simclr.model.run.Algorithm;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Options of {@link TrainBench}. Every option has a default; {@link #parse} rejects unknown options, missing values and
 * out-of-range numbers with a one-line reason.
 */
record TrainBenchArgs(
        Path data,
        String device,
        Arch arch,
        Stem stem,
        double width,
        int channels,
        int inputSize,
        ResizeMode fit,
        int batch,
        int epochs,
        long steps,
        Algorithm optimizer,
        Double lr,
        String warmup,
        double temperature,
        Double weightDecay,
        double cropMin,
        double cropMax,
        Double jitterStrength,
        long seed,
        int threads,
        int augThreads,
        int prefetch,
        int logEvery,
        boolean eval,
        boolean evalBaselines,
        int evalTrainLimit,
        int evalTestLimit,
        Path evalCache) {

    static final String USAGE = "options: --data DIR --device auto|cpu|gpu[:i] --arch resnet18|resnet34|resnet50"
            + " --stem small|imagenet --width W --channels 1|3 --input-size PX --fit pad|resize|center-crop --batch PAIRS --epochs N --steps N"
            + " --optimizer lars|sgd --lr LR --warmup STEPS|FRACTION --temperature T --weight-decay WD"
            + " --crop-scale LO,HI --jitter-strength S --seed N --threads N --aug-threads N --prefetch N"
            + " --log-every N --eval --eval-baselines --eval-limit TRAIN,TEST --eval-cache DIR";

    private static final List<String> FLAGS = List.of("--eval", "--eval-baselines");

    static TrainBenchArgs parse(String[] args) {
        Map<String, String> v = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String key = args[i];
            if (FLAGS.contains(key)) {
                v.put(key, "true");
                continue;
            }
            if (!key.startsWith("--") || !USAGE.contains(key + " ")) {
                throw new IllegalArgumentException("unknown option " + key + " (" + USAGE + ")");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + key);
            }
            v.put(key, args[++i]);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        String[] crop = v.getOrDefault("--crop-scale", "0.08,1.0").split(",", -1);
        if (crop.length != 2) {
            throw new IllegalArgumentException("--crop-scale needs LO,HI, got '" + v.get("--crop-scale") + "'");
        }
        String[] limit = v.getOrDefault("--eval-limit", "60000,10000").split(",", -1);
        if (limit.length != 2) {
            throw new IllegalArgumentException("--eval-limit needs TRAIN,TEST, got '" + v.get("--eval-limit") + "'");
        }
        TrainBenchArgs a = new TrainBenchArgs(
                Path.of(v.getOrDefault("--data", "/usr/share/datasets/fashion-mnist")),
                v.getOrDefault("--device", "auto"),
                Arch.parse(v.getOrDefault("--arch", "resnet18")),
                Stem.parse(v.getOrDefault("--stem", "small")),
                dbl(v, "--width", "1.0"),
                integer(v, "--channels", "1"),
                integer(v, "--input-size", "32"),
                ResizeMode.parse(v.getOrDefault("--fit", ResizeMode.DEFAULT_ID)),
                integer(v, "--batch", "128"),
                integer(v, "--epochs", "1"),
                lng(v, "--steps", "0"),
                Algorithm.parse(v.getOrDefault("--optimizer", "lars")),
                v.containsKey("--lr") ? dbl(v, "--lr", null) : null,
                v.getOrDefault("--warmup", "0.1"),
                dbl(v, "--temperature", "0.2"),
                v.containsKey("--weight-decay") ? dbl(v, "--weight-decay", null) : null,
                number("--crop-scale", crop[0]),
                number("--crop-scale", crop[1]),
                v.containsKey("--jitter-strength") ? dbl(v, "--jitter-strength", null) : null,
                lng(v, "--seed", "42"),
                integer(v, "--threads", Integer.toString(cores)),
                integer(v, "--aug-threads", Integer.toString(cores)),
                integer(v, "--prefetch", "4"),
                integer(v, "--log-every", "10"),
                v.containsKey("--eval"),
                v.containsKey("--eval-baselines"),
                (int) number("--eval-limit", limit[0]),
                (int) number("--eval-limit", limit[1]),
                v.containsKey("--eval-cache") ? Path.of(v.get("--eval-cache")) : null);
        a.check();
        return a;
    }

    private void check() {
        positive("--batch", batch, 2);
        positive("--epochs", epochs, 1);
        positive("--threads", threads, 1);
        positive("--aug-threads", augThreads, 1);
        positive("--prefetch", prefetch, 1);
        positive("--log-every", logEvery, 1);
        positive("--eval-limit", evalTrainLimit, 1);
        positive("--eval-limit", evalTestLimit, 1);
        if (steps < 0) {
            throw new IllegalArgumentException("--steps must be >= 0 (0 = derive from --epochs), got " + steps);
        }
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("--temperature must be > 0, got " + temperature);
        }
        if (!(cropMin > 0 && cropMin <= cropMax && cropMax <= 1)) {
            throw new IllegalArgumentException(
                    "--crop-scale must satisfy 0 < LO <= HI <= 1, got " + cropMin + "," + cropMax);
        }
        modelConfig(); // validates width, channels, input size against the stem
    }

    private static void positive(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
        }
    }

    ModelConfig modelConfig() {
        return ModelConfig.builder()
                .setChannels(channels)
                .setInputSize(inputSize)
                .optFit(fit)
                .optArch(arch)
                .optStem(stem)
                .optWidth(width)
                .build();
    }

    /**
     * Warm-up steps for a schedule of {@code total} steps: an integer is a step count, a number with a decimal point a
     * fraction of {@code total}.
     */
    long warmupSteps(long total) {
        double w = number("--warmup", warmup);
        long steps = warmup.contains(".") ? Math.round(w * total) : (long) w;
        if (w < 0 || (warmup.contains(".") && w > 1) || (!warmup.contains(".") && w != Math.rint(w)) || steps > total) {
            throw new IllegalArgumentException("--warmup must be a step count <= the total (" + total
                    + ") or a fraction in [0, 1], got " + warmup);
        }
        return steps;
    }

    private static double dbl(Map<String, String> v, String key, String def) {
        return number(key, v.getOrDefault(key, def));
    }

    private static int integer(Map<String, String> v, String key, String def) {
        double d = dbl(v, key, def);
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(key + " needs an integer, got '" + v.get(key) + "'");
        }
        return (int) d;
    }

    private static long lng(Map<String, String> v, String key, String def) {
        String s = v.getOrDefault(key, def);
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " needs an integer, got '" + s + "'");
        }
    }

    private static double number(String key, String s) {
        try {
            double d = Double.parseDouble(s.trim());
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " needs a number, got '" + s + "'");
        }
    }
}
