package dev.simclr.augment.cli;

import dev.simclr.augment.DecodedImage;
import dev.simclr.augment.PolicyConfig;
import dev.simclr.augment.PolicyConfigBuilder;
import dev.simclr.augment.SimClrPolicy;
import dev.simclr.augment.decode.DecodeException;
import dev.simclr.augment.decode.ImageDecoder;
import dev.simclr.augment.fetch.FetchException;
import dev.simclr.augment.fetch.FileFetcher;
import dev.simclr.augment.fetch.Fetchers;
import dev.simclr.augment.fetch.S3Fetcher;
import dev.simclr.objectstore.ObjectStore;
import dev.simclr.objectstore.ObjectStoreConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a PNG grid of SimCLR view pairs for each input image: one row per image, the whole image
 * squeezed to the view size first, then {@code --pairs} pairs. A bad input prints
 * {@code error: <input>: <kind>: <reason>} and the others go on; the exit code is 0 if every input
 * worked, 1 if any failed, 2 for bad arguments or an unwritable output. Decoding is bounded by the
 * byte, pixel and time budgets, so it neither hangs nor runs out of memory on hostile files.
 * {@code s3://bucket/key} inputs are read through the object store configured by {@code SIMCLR_S3_ENDPOINT},
 * {@code SIMCLR_S3_ACCESS_KEY}, {@code SIMCLR_S3_SECRET_KEY} and optional {@code SIMCLR_S3_REGION}.
 */
public final class PreviewCli {

    private PreviewCli() {
    }

    /** Entry point; exits with {@link #run}'s status. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the preview with the process environment; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, System.getenv());
    }

    /** Runs the preview, reading the {@code SIMCLR_S3_*} variables from {@code env}; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        PreviewArgs a;
        try {
            a = PreviewArgs.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().equals("help")) {
                err.println("error: " + e.getMessage());
            }
            err.println(PreviewArgs.USAGE);
            return 2;
        }
        long gridBytes = GridImage.bytes(a.size(), a.channels(), a.pairs(), a.inputs().size());
        if (gridBytes > GridImage.MAX_BYTES) {
            long fit = 1;
            while (GridImage.bytes(a.size(), a.channels(), a.pairs(), fit + 1) <= GridImage.MAX_BYTES) {
                fit++;
            }
            long[] d = GridImage.dimensions(a.size(), a.pairs(), a.inputs().size());
            err.printf(java.util.Locale.ROOT, "error: %d images x %d pairs at %d px x %d channel(s) make a %dx%d grid "
                    + "(%.0f MB, limit %d MB): preview at most %d images at these settings%n", a.inputs().size(), a.pairs(),
                    a.size(), a.channels(), d[0], d[1], gridBytes / 1e6, GridImage.MAX_BYTES / (1024 * 1024), fit);
            return 2;
        }
        PolicyConfigBuilder b = PolicyConfig.builder().setOutputSize(a.size()).setOutputChannels(a.channels()).optFit(a.fit())
                .optBlur(a.blur());
        if (!Double.isNaN(a.strength())) {
            b.optJitterStrength(a.strength());
        }
        SimClrPolicy policy = new SimClrPolicy(b.build());
        ImageDecoder decoder = ImageDecoder.builder().optMaxBytes(a.maxBytes()).optMaxPixels(a.maxPixels())
                .optTimeout(Duration.ofMillis(a.timeoutMillis())).build();
        java.util.Set<Path> roots = new java.util.LinkedHashSet<>(a.roots());
        for (String input : a.inputs()) {
            if (!input.contains("://")) {
                Path parent = Path.of(input).toAbsolutePath().getParent();
                if (parent != null) {
                    roots.add(parent);
                }
            }
        }
        Fetchers.Builder fetchers;
        try {
            fetchers = Fetchers.builder().optFiles(FileFetcher.underRoots(List.copyOf(roots)));
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        ObjectStore store = null;
        if (a.inputs().stream().anyMatch(i -> i.regionMatches(true, 0, "s3://", 0, 5))) {
            try {
                store = ObjectStore.connect(ObjectStoreConfig.fromEnv(env));
            } catch (IllegalArgumentException e) {
                err.println("error: s3:// inputs need the object store settings " + ObjectStoreConfig.ENV_ENDPOINT + ", "
                        + ObjectStoreConfig.ENV_ACCESS_KEY + ", " + ObjectStoreConfig.ENV_SECRET_KEY + " (and optionally "
                        + ObjectStoreConfig.ENV_REGION + "): " + e.getMessage());
                return 2;
            }
            fetchers.opt("s3", S3Fetcher.of(store));
        }
        try {
            return render(a, policy, decoder, fetchers.build(), out, err);
        } finally {
            if (store != null) {
                store.close();
            }
        }
    }

    private static int render(PreviewArgs a, SimClrPolicy policy, ImageDecoder decoder, Fetchers fetchers, PrintStream out,
            PrintStream err) {
        out.println("policy: " + policy.config());
        GridImage grid = new GridImage(a.size(), a.channels(), a.pairs());
        int failed = 0;
        for (int i = 0; i < a.inputs().size(); i++) {
            String input = a.inputs().get(i);
            try {
                URI uri = input.contains("://") ? URI.create(input) : Path.of(input).toAbsolutePath().toUri();
                byte[] bytes = fetchers.fetch(uri, a.maxBytes());
                DecodedImage img = decoder.decode(bytes);
                List<byte[]> views = new ArrayList<>();
                for (int j = 0; j < a.pairs(); j++) {
                    SplittableRandom rng = new SplittableRandom(a.seed() + 1_000_003L * i + j);
                    views.add(policy.apply(img, rng));
                    views.add(policy.apply(img, rng));
                }
                grid.addRow(img, views);
                out.printf(Locale.ROOT, "ok: %s: %dx%dx%d, %d bytes -> %d pairs%n", input, img.width(), img.height(),
                        img.channels(), bytes.length, a.pairs());
            } catch (FetchException e) {
                failed++;
                err.println("error: " + input + ": " + kind(e.kind().name()) + ": " + e.getMessage());
            } catch (DecodeException e) {
                failed++;
                err.println("error: " + input + ": " + kind(e.kind().name()) + ": " + e.getMessage());
            } catch (IllegalArgumentException e) {
                failed++;
                err.println("error: " + input + ": invalid input: " + e.getMessage());
            }
        }
        if (grid.rows() == 0) {
            err.println("error: no image could be processed; " + a.out() + " not written");
            return 1;
        }
        try {
            int[] size = grid.write(a.out());
            out.printf(Locale.ROOT, "wrote %s (%dx%d px): %d image(s), %d failed%n", a.out(), size[0], size[1], grid.rows(), failed);
        } catch (IOException e) {
            err.println("error: cannot write " + a.out() + ": " + e.getMessage());
            return 2;
        }
        return failed == 0 ? 0 : 1;
    }

    private static String kind(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
