package dev.simclr.augment.cli;

import dev.simclr.augment.PolicyConfig;
import dev.simclr.augment.resize.ResizeMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Parsed command line of {@link PreviewCli}; every bad argument is an {@link IllegalArgumentException} with the reason. */
record PreviewArgs(List<String> inputs, Path out, int pairs, int size, int channels, ResizeMode fit, long seed,
                   PolicyConfig.BlurMode blur, double strength, List<Path> roots, long maxBytes, long maxPixels, long timeoutMillis) {

    static final String USAGE = """
            usage: java -cp <classpath> dev.simclr.augment.cli.PreviewCli --out grid.png [options] IMAGE...
              IMAGE               a file path, a file:// URI (must lie under a --root) or s3://bucket/key
                                  (s3 needs SIMCLR_S3_ENDPOINT, SIMCLR_S3_ACCESS_KEY, SIMCLR_S3_SECRET_KEY)
              --out FILE          PNG grid to write (required); one row per image: the image, then the view pairs
              --pairs N           view pairs per image (default 4)
              --size N            view side in pixels (default 96)
              --channels 1|3      view channels (default 3)
              --fit MODE          canvas: pad, resize or center-crop (default pad; the run's fit)
              --seed N            base seed (default 1); pair j of image i uses seed + 1000003 * i + j
              --blur on|off|auto  Gaussian blur (default auto: off for views <= 64 px)
              --strength S        colour jitter strength (default 0.5 for views <= 64 px, else 1.0)
              --root DIR          allowed root for file:// URIs (repeatable; default: the current directory)
              --max-bytes N       input size budget (default 33554432)
              --max-pixels N      pixel budget (default 89478485)
              --timeout-ms N      per-image decode time limit (default 10000)""";

    static PreviewArgs parse(String[] args) {
        List<String> inputs = new ArrayList<>();
        List<Path> roots = new ArrayList<>();
        Path out = null;
        int pairs = 4;
        int size = 96;
        int channels = 3;
        ResizeMode fit = ResizeMode.parse(ResizeMode.DEFAULT_ID);
        long seed = 1;
        PolicyConfig.BlurMode blur = PolicyConfig.BlurMode.AUTO;
        double strength = Double.NaN;
        long maxBytes = 32L << 20;
        long maxPixels = 89_478_485L;
        long timeoutMillis = 10_000;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                inputs.add(a);
                continue;
            }
            if (a.equals("--help") || a.equals("-h")) {
                throw new IllegalArgumentException("help");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--out" -> out = Path.of(v);
                case "--pairs" -> pairs = intIn(a, v, 1, 64);
                case "--size" -> size = intIn(a, v, 8, 1024);
                case "--channels" -> channels = intIn(a, v, 1, 3);
                case "--fit" -> fit = fit(v);
                case "--seed" -> seed = longIn(a, v, Long.MIN_VALUE, Long.MAX_VALUE);
                case "--blur" -> blur = blurMode(v);
                case "--strength" -> strength = doubleIn(a, v, 0, 2.5);
                case "--root" -> roots.add(Path.of(v));
                case "--max-bytes" -> maxBytes = longIn(a, v, 1, Long.MAX_VALUE);
                case "--max-pixels" -> maxPixels = longIn(a, v, 1, Long.MAX_VALUE);
                case "--timeout-ms" -> timeoutMillis = longIn(a, v, 1, 3_600_000);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (channels == 2) {
            throw new IllegalArgumentException("--channels must be 1 or 3");
        }
        if (out == null) {
            throw new IllegalArgumentException("--out is required");
        }
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("no input images given");
        }
        if (roots.isEmpty()) {
            roots.add(Path.of("").toAbsolutePath());
        }
        return new PreviewArgs(List.copyOf(inputs), out, pairs, size, channels, fit, seed, blur, strength, List.copyOf(roots),
                maxBytes, maxPixels, timeoutMillis);
    }

    private static ResizeMode fit(String v) {
        try {
            return ResizeMode.parse(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--fit: " + e.getMessage());
        }
    }

    private static PolicyConfig.BlurMode blurMode(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "on" -> PolicyConfig.BlurMode.ON;
            case "off" -> PolicyConfig.BlurMode.OFF;
            case "auto" -> PolicyConfig.BlurMode.AUTO;
            default -> throw new IllegalArgumentException("--blur must be on, off or auto, got '" + v + "'");
        };
    }

    private static int intIn(String name, String v, int min, int max) {
        return (int) longIn(name, v, min, max);
    }

    private static long longIn(String name, String v, long min, long max) {
        try {
            long n = Long.parseLong(v.trim());
            if (n < min || n > max) {
                throw new IllegalArgumentException(name + " must be in " + min + ".." + max + ", got " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got '" + v + "'");
        }
    }

    private static double doubleIn(String name, String v, double min, double max) {
        try {
            double d = Double.parseDouble(v.trim());
            if (!(d >= min && d <= max)) {
                throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], got " + v);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + v + "'");
        }
    }
}
