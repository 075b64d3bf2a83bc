package dev.simclr.evaluation.bench;

import dev.simclr.evaluation.data.FashionMnist;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options of {@link ProtocolBench}.
 *
 * @param features {@code raw} (784-d pixels / 255) or {@code random} (Gaussian)
 * @param dim feature size for {@code random}
 * @param dataDir Fashion-MNIST directory
 * @param cacheDir eval-set cache directory, or null for none
 * @param iterations probe L-BFGS iterations (the protocol's 100 unless changed for an experiment)
 * @param seed probe seed and random-feature seed
 * @param anchorFile the torch anchor ({@code torch_simclr_fmnist.py}), or null to skip it
 * @param anchorScript {@code torch_protocol_anchor.py} (default: {@code bench/python/} of the repository,
 *     {@code simclr.home}, which {@code ./simclr bench} sets; else relative to the working directory)
 * @param python the Python interpreter with torch
 */
record BenchArgs(
        String features,
        int dim,
        Path dataDir,
        Path cacheDir,
        int iterations,
        long seed,
        Path anchorFile,
        Path anchorScript,
        String python) {

    static final String USAGE = "usage: ProtocolBench [--features raw|random] [--dim 512] "
            + "[--data-dir DIR] [--cache-dir DIR] [--iterations 100] [--seed 0] "
            + "[--anchor FILE.py [--anchor-script torch_protocol_anchor.py] [--python /usr/bin/python3]]";

    /** {@code bench/python/torch_protocol_anchor.py} under {@code simclr.home} (default: the working directory). */
    static final Path DEFAULT_ANCHOR_SCRIPT =
            Path.of(System.getProperty("simclr.home", ".")).resolve("bench/python/torch_protocol_anchor.py");

    private static final Set<String> KEYS = Set.of(
            "--features",
            "--dim",
            "--data-dir",
            "--cache-dir",
            "--iterations",
            "--seed",
            "--anchor",
            "--anchor-script",
            "--python");

    static BenchArgs parse(String[] args) {
        Map<String, String> v = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!KEYS.contains(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; " + USAGE);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value; " + USAGE);
            }
            v.put(args[i], args[i + 1]);
        }
        String features = v.getOrDefault("--features", "raw");
        if (!features.equals("raw") && !features.equals("random")) {
            throw new IllegalArgumentException("--features must be raw or random, got " + features);
        }
        int dim = intOption(v, "--dim", 512, 1);
        int iterations = intOption(v, "--iterations", 100, 1);
        long seed;
        try {
            seed = Long.parseLong(v.getOrDefault("--seed", "0"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed must be an integer, got " + v.get("--seed"));
        }
        Path anchor = v.containsKey("--anchor") ? Path.of(v.get("--anchor")) : null;
        return new BenchArgs(
                features,
                dim,
                Path.of(v.getOrDefault("--data-dir", FashionMnist.DEFAULT_DIR.toString())),
                v.containsKey("--cache-dir") ? Path.of(v.get("--cache-dir")) : null,
                iterations,
                seed,
                anchor,
                v.containsKey("--anchor-script") ? Path.of(v.get("--anchor-script")) : DEFAULT_ANCHOR_SCRIPT,
                v.getOrDefault("--python", "/usr/bin/python3"));
    }

    private static int intOption(Map<String, String> v, String key, int def, int min) {
        String s = v.get(key);
        if (s == null) {
            return def;
        }
        try {
            int value = Integer.parseInt(s);
            if (value < min) {
                throw new IllegalArgumentException(key + " must be >= " + min + ", got " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got " + s);
        }
    }
}
