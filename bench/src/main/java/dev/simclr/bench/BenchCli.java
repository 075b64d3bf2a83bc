package dev.simclr.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The start-up code the benches share: {@code --key value} options over defaults with a JSON result ({@link #run}:
 * EmbedBench, EvaluatorBench), and numeric options with a range ({@link #number}: AugmentBench, CacheBench). Bad
 * arguments exit with status 2, a failed run with status 1.
 */
public final class BenchCli {

    /** A bench body: the parsed options in, one JSON object out. */
    @FunctionalInterface
    public interface Body {
        ObjectNode run(Map<String, String> options) throws Exception;
    }

    private BenchCli() {}

    /**
     * Parses {@code args} as {@code --key value} pairs over {@code defaults} (only their keys are accepted), runs
     * {@code body}, prints its result pretty-printed and exits: 0, 1 if the run threw, 2 for bad arguments.
     * {@code name} prefixes the error lines.
     */
    public static void run(String name, String[] args, Map<String, String> defaults, Body body) {
        Map<String, String> options;
        try {
            options = parse(args, defaults);
        } catch (IllegalArgumentException e) {
            System.err.println(name + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            System.out.println(body.run(options).toPrettyString());
            System.exit(0);
        } catch (Exception e) {
            System.err.println(name + ": failed: " + e);
            System.exit(1);
        }
    }

    /** {@code --key value} pairs over {@code defaults}, in the defaults' key order. */
    public static Map<String, String> parse(String[] args, Map<String, String> defaults) {
        Map<String, String> a = new LinkedHashMap<>(defaults);
        for (int i = 0; i < args.length; i += 2) {
            String key = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (key == null || !a.containsKey(key) || i + 1 >= args.length) {
                throw new IllegalArgumentException(
                        "bad argument '" + args[i] + "'; options: --" + String.join(" --", a.keySet()));
            }
            a.put(key, args[i + 1]);
        }
        return a;
    }

    /** {@code value} of option {@code name} as a number in [min, max]; otherwise {@link #fail}. */
    public static double number(String name, String value, double min, double max) {
        try {
            double d = Double.parseDouble(value);
            if (!(d >= min && d <= max)) {
                fail(name + " must be in [" + min + ", " + max + "], got " + value);
            }
            return d;
        } catch (NumberFormatException e) {
            fail(name + " must be a number, got '" + value + "'");
            return 0;
        }
    }

    /** Prints {@code error: message} to stderr and exits with status 2 (bad arguments). */
    public static void fail(String message) {
        System.err.println("error: " + message);
        System.exit(2);
    }
}
