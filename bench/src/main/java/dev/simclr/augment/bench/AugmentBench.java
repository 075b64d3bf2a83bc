package dev.simclr.augment.bench;

import static dev.simclr.bench.BenchCli.fail;
import static dev.simclr.bench.BenchCli.number;

import dev.simclr.augment.DecodedImage;
import dev.simclr.augment.PolicyConfig;
import dev.simclr.augment.SimClrPolicy;
import dev.simclr.augment.decode.ImageDecoder;
import dev.simclr.augment.idx.IdxFile;
import dev.simclr.augment.resize.Canvas;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Single-thread throughput of the view policy, the same two cases as the torchvision anchor
 * ({@code anchors/torchvision_augment_bench.py}): (a) Fashion-MNIST 28 px grey → 32 px views (crop, flip, jitter s=0.5,
 * no blur); (b) 500×375 quality-90 JPEG bytes → 224 px RGB views with the full policy, decoding once per pair through
 * {@link ImageDecoder} (with its worker/deadline). Prints one human line and one JSON line per case;
 * {@code bench/compare/augment.sh} puts them next to the anchor.
 *
 * <pre>usage: AugmentBench [--fmnist DIR] [--seconds S] [--warmup S] [--case fmnist|jpeg|all]</pre>
 */
public final class AugmentBench {

    private AugmentBench() {}

    /** Entry point. */
    public static void main(String[] args) throws IOException {
        Path fmnist = Path.of("/usr/share/datasets/fashion-mnist");
        double seconds = 10;
        double warmup = 3;
        String which = "all";
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) {
                fail("option " + a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--fmnist" -> fmnist = Path.of(v);
                case "--seconds" -> seconds = number(a, v, 0, 3600);
                case "--warmup" -> warmup = number(a, v, 0, 3600);
                case "--case" -> which = v;
                default ->
                    fail("unknown option " + a + " (use --fmnist DIR --seconds S --warmup S --case fmnist|jpeg|all)");
            }
        }
        if (!which.equals("all") && !which.equals("fmnist") && !which.equals("jpeg")) {
            fail("--case must be fmnist, jpeg or all");
        }
        PrintStream out = System.out;
        if (!which.equals("jpeg")) {
            Path file = fmnist.resolve("train-images-idx3-ubyte.gz");
            if (!Files.isReadable(file)) {
                fail("cannot read " + file);
            }
            List<DecodedImage> images = IdxFile.read(file).greyImages(2000);
            SimClrPolicy policy = new SimClrPolicy(PolicyConfig.simclr(32, 1));
            Pairs run = i -> pair(policy, images.get(i % images.size()), i);
            report(out, "fmnist32", "Java small (28px grey -> 32px view)", measure(run, warmup), measure(run, seconds));
        }
        if (!which.equals("fmnist")) {
            List<byte[]> jpegs = SyntheticJpegs.make(64, 500, 375, 0);
            ImageDecoder decoder = ImageDecoder.withDefaults();
            SimClrPolicy policy = new SimClrPolicy(PolicyConfig.simclr(224, 3));
            Pairs run = i -> pair(policy, decoder.decode(jpegs.get(i % jpegs.size())), i);
            report(
                    out,
                    "jpeg224",
                    "Java large (500x375 JPEG -> 224px RGB view, decode once per pair)",
                    measure(run, warmup),
                    measure(run, seconds));
        }
    }

    /**
     * One view pair of {@code img} as {@code ViewPairFactory} makes it: the image's canvas (the default {@code pad}: a
     * letterbox for the 500x375 photos, a 2-pixel border for 28 px images into 32) once, then two views drawn from one
     * generator.
     */
    private static void pair(SimClrPolicy policy, DecodedImage img, int i) {
        SplittableRandom rng = new SplittableRandom(i);
        Canvas.Frame frame = policy.frame(img);
        byte[] out = new byte[policy.config().viewBytes()];
        policy.apply(frame, rng, out);
        policy.apply(frame, rng, new byte[out.length]);
    }

    /** One pair of views for pair index {@code i}. */
    @FunctionalInterface
    private interface Pairs {
        void run(int i);
    }

    /** Runs pairs for {@code seconds}; returns {views, nanos}. */
    private static long[] measure(Pairs pairs, double seconds) {
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        int i = 0;
        long now;
        do {
            pairs.run(i++);
            now = System.nanoTime();
        } while (now < end);
        return new long[] {2L * i, now - start};
    }

    private static void report(PrintStream out, String name, String label, long[] warm, long[] m) {
        double rate = m[0] / (m[1] / 1e9);
        out.printf(
                Locale.ROOT,
                "%s: %.0f views/s/core (%d views in %.1f s after %.1f s warm-up)%n",
                label,
                rate,
                m[0],
                m[1] / 1e9,
                warm[1] / 1e9);
        out.printf(
                Locale.ROOT,
                "{\"case\":\"%s\",\"views_per_s\":%.1f,\"views\":%d,\"seconds\":%.2f,\"threads\":1}%n",
                name,
                rate,
                m[0],
                m[1] / 1e9);
    }
}
