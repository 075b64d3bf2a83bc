package dev.simclr.augment.preview;

import dev.simclr.augment.DecodedImage;
import dev.simclr.augment.PolicyConfig;
import dev.simclr.augment.PolicyConfigBuilder;
import dev.simclr.augment.SimClrPolicy;
import dev.simclr.augment.decode.DecodeException;
import dev.simclr.augment.decode.ImageDecoder;
import dev.simclr.augment.fetch.FetchException;
import dev.simclr.augment.fetch.Fetchers;
import dev.simclr.augment.fetch.FileFetcher;
import dev.simclr.augment.fetch.S3Fetcher;
import dev.simclr.augment.resize.ResizeMode;
import dev.simclr.objectstore.ObjectStore;
import dev.simclr.objectstore.ObjectStoreConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes a PNG grid of SimCLR view pairs for given images: one row per image, the whole image squeezed to the view size
 * first, then {@link Builder#optPairs pairs} pairs. Pair {@code j} of image {@code i} uses the seed {@code seed +
 * 1000003 * i + j}, so the same settings and inputs write the same grid. A bad input is reported to the
 * {@link Listener} and skipped; the others go on. Decoding is bounded by the byte, pixel and time budgets, so it
 * neither hangs nor runs out of memory on hostile files. Inputs are file paths, {@code file://} URIs under a
 * {@link Builder#optRoots root} and, when the {@code SIMCLR_S3_*} variables are set, {@code s3://bucket/key}.
 */
public final class Preview {

    /** Most view pairs per image. */
    public static final int MAX_PAIRS = 64;
    /** Smallest view side in pixels. */
    public static final int MIN_SIZE = 8;
    /** Largest view side in pixels. */
    public static final int MAX_SIZE = 1024;
    /** Largest colour jitter strength. */
    public static final double MAX_STRENGTH = 2.5;
    /** Longest per-image decode time limit in milliseconds (one hour). */
    public static final long MAX_TIMEOUT_MILLIS = 3_600_000;
    /** Default view pairs per image. */
    public static final int DEFAULT_PAIRS = 4;
    /** Default view side in pixels. */
    public static final int DEFAULT_SIZE = 96;
    /** Default view channels. */
    public static final int DEFAULT_CHANNELS = 3;
    /** Default base seed. */
    public static final long DEFAULT_SEED = 1;
    /** Default input size budget in bytes (32 MiB). */
    public static final long DEFAULT_MAX_BYTES = 32L << 20;
    /** Default pixel budget (as Pillow's). */
    public static final long DEFAULT_MAX_PIXELS = 89_478_485L;
    /** Default per-image decode time limit in milliseconds. */
    public static final long DEFAULT_TIMEOUT_MILLIS = 10_000;
    /** Seed step between images: pair {@code j} of image {@code i} uses {@code seed + SEED_STRIDE * i + j}. */
    public static final long SEED_STRIDE = 1_000_003L;
    /** Largest grid in bytes (one raster in memory before it is encoded): 256 MiB. */
    public static final long MAX_GRID_BYTES = GridImage.MAX_BYTES;

    /** What happens to each input, in input order. */
    public interface Listener {
        /** Input {@code input} ({@code bytes} bytes) decoded to {@code image} and got its row. */
        void rendered(String input, DecodedImage image, int bytes);

        /**
         * Input {@code input} was skipped: {@code kind} is the fetch or decode failure in lower case with dashes
         * ({@code not-found}, {@code truncated}, {@code unsupported-format}, {@code refused}, …; {@code invalid-input}
         * for an unusable URI), {@code reason} the detail.
         */
        void skipped(String input, String kind, String reason);
    }

    /** What {@link #write} did; {@code width} and {@code height} are 0 when no row was rendered (no file written). */
    public record Report(Path out, int rows, int skipped, int width, int height, Duration elapsed) {
        /** Whether the grid file was written (at least one image worked). */
        public boolean written() {
            return rows > 0;
        }
    }

    private final int pairs;
    private final int size;
    private final int channels;
    private final long seed;
    private final List<Path> roots;
    private final long maxBytes;
    private final Map<String, String> env;
    private final SimClrPolicy policy;
    private final ImageDecoder decoder;

    private Preview(Builder b) {
        this.pairs = b.pairs;
        this.size = b.size;
        this.channels = b.channels;
        this.seed = b.seed;
        this.roots = List.copyOf(b.roots);
        this.maxBytes = b.maxBytes;
        this.env = Map.copyOf(b.env);
        PolicyConfigBuilder p = PolicyConfig.builder()
                .setOutputSize(b.size)
                .setOutputChannels(b.channels)
                .optFit(b.fit)
                .optBlur(b.blur);
        if (!Double.isNaN(b.strength)) {
            p.optJitterStrength(b.strength);
        }
        this.policy = new SimClrPolicy(p.build());
        this.decoder = ImageDecoder.builder()
                .optMaxBytes(b.maxBytes)
                .optMaxPixels(b.maxPixels)
                .optTimeout(Duration.ofMillis(b.timeoutMillis))
                .build();
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The policy the views are drawn with. */
    public PolicyConfig policy() {
        return policy.config();
    }

    /** Width and height in pixels of a grid of {@code rows} rows. */
    public long[] dimensions(long rows) {
        return GridImage.dimensions(size, pairs, rows);
    }

    /** Most images (rows) whose grid stays within {@link #MAX_GRID_BYTES}. */
    public long maxImages() {
        long fit = 0;
        while (GridImage.bytes(size, channels, pairs, fit + 1) <= GridImage.MAX_BYTES) {
            fit++;
        }
        return fit;
    }

    /**
     * Renders every input and writes the grid to {@code out} (its directories are created), unless no input worked:
     * then nothing is written and the report has no rows.
     *
     * @throws IllegalArgumentException before any input is read: no inputs, a grid larger than {@link #MAX_GRID_BYTES},
     *     or {@code s3://} inputs without the object store settings
     * @throws IOException if the grid cannot be written
     */
    public Report write(Path out, List<String> inputs, Listener listener) throws IOException {
        long start = System.nanoTime();
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("no input images given");
        }
        long gridBytes = GridImage.bytes(size, channels, pairs, inputs.size());
        if (gridBytes > GridImage.MAX_BYTES) {
            long[] d = dimensions(inputs.size());
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "%d images x %d pairs at %d px x %d channel(s) "
                            + "make a %dx%d grid (%.0f MB, limit %d MB): preview at most %d images at these settings",
                    inputs.size(),
                    pairs,
                    size,
                    channels,
                    d[0],
                    d[1],
                    gridBytes / 1e6,
                    GridImage.MAX_BYTES / (1024 * 1024),
                    maxImages()));
        }
        Set<Path> allowed = new LinkedHashSet<>(roots);
        for (String input : inputs) {
            if (!input.contains("://")) {
                Path parent = file(input).getParent();
                if (parent != null) {
                    allowed.add(parent);
                }
            }
        }
        Fetchers.Builder fetchers = Fetchers.builder().optFiles(FileFetcher.underRoots(List.copyOf(allowed)));
        ObjectStore store = null;
        if (inputs.stream().anyMatch(i -> i.regionMatches(true, 0, "s3://", 0, 5))) {
            try {
                store = ObjectStore.connect(ObjectStoreConfig.fromEnv(env));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "s3:// inputs need the object store settings " + ObjectStoreConfig.ENV_ENDPOINT
                                + ", " + ObjectStoreConfig.ENV_ACCESS_KEY + ", " + ObjectStoreConfig.ENV_SECRET_KEY
                                + " (and optionally "
                                + ObjectStoreConfig.ENV_REGION + "): " + e.getMessage(),
                        e);
            }
            fetchers.opt("s3", S3Fetcher.of(store));
        }
        try {
            return render(out, inputs, fetchers.build(), listener, start);
        } finally {
            if (store != null) {
                store.close();
            }
        }
    }

    private Report render(Path out, List<String> inputs, Fetchers fetchers, Listener listener, long start)
            throws IOException {
        GridImage grid = new GridImage(size, channels, pairs);
        int skipped = 0;
        for (int i = 0; i < inputs.size(); i++) {
            String input = inputs.get(i);
            try {
                URI uri =
                        input.contains("://") ? URI.create(input) : file(input).toUri();
                byte[] bytes = fetchers.fetch(uri, maxBytes);
                DecodedImage img = decoder.decode(bytes);
                List<byte[]> views = new ArrayList<>();
                for (int j = 0; j < pairs; j++) {
                    SplittableRandom rng = new SplittableRandom(seed + SEED_STRIDE * i + j);
                    views.add(policy.apply(img, rng));
                    views.add(policy.apply(img, rng));
                }
                grid.addRow(img, views);
                listener.rendered(input, img, bytes.length);
            } catch (FetchException e) {
                skipped++;
                listener.skipped(input, kind(e.kind().name()), e.getMessage());
            } catch (DecodeException e) {
                skipped++;
                listener.skipped(input, kind(e.kind().name()), e.getMessage());
            } catch (IllegalArgumentException e) {
                skipped++;
                listener.skipped(input, "invalid-input", e.getMessage());
            }
        }
        if (grid.rows() == 0) {
            return new Report(out, 0, skipped, 0, 0, Duration.ofNanos(System.nanoTime() - start));
        }
        int[] wh = grid.write(out);
        return new Report(out, grid.rows(), skipped, wh[0], wh[1], Duration.ofNanos(System.nanoTime() - start));
    }

    /** A plain path input: absolute and normalised (a path given by hand may say {@code ../x.png}; URIs may not). */
    private static Path file(String input) {
        return Path.of(input).toAbsolutePath().normalize();
    }

    private static String kind(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Builder; every value is optional and checked when set. */
    public static final class Builder {
        private int pairs = DEFAULT_PAIRS;
        private int size = DEFAULT_SIZE;
        private int channels = DEFAULT_CHANNELS;
        private ResizeMode fit = ResizeMode.parse(ResizeMode.DEFAULT_ID);
        private long seed = DEFAULT_SEED;
        private PolicyConfig.BlurMode blur = PolicyConfig.BlurMode.AUTO;
        private double strength = Double.NaN;
        private List<Path> roots = List.of();
        private long maxBytes = DEFAULT_MAX_BYTES;
        private long maxPixels = DEFAULT_MAX_PIXELS;
        private long timeoutMillis = DEFAULT_TIMEOUT_MILLIS;
        private Map<String, String> env = System.getenv();

        private Builder() {}

        /** View pairs per image, 1..{@value Preview#MAX_PAIRS} (default {@value Preview#DEFAULT_PAIRS}). */
        public Builder optPairs(int pairs) {
            this.pairs = (int) in("pairs", pairs, 1, MAX_PAIRS);
            return this;
        }

        /**
         * View side in pixels, {@value Preview#MIN_SIZE}..{@value Preview#MAX_SIZE} (default
         * {@value Preview#DEFAULT_SIZE}).
         */
        public Builder optSize(int size) {
            this.size = (int) in("size", size, MIN_SIZE, MAX_SIZE);
            return this;
        }

        /** View channels, 1 or 3 (default {@value Preview#DEFAULT_CHANNELS}). */
        public Builder optChannels(int channels) {
            if (channels != 1 && channels != 3) {
                throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
            }
            this.channels = channels;
            return this;
        }

        /** The canvas the views are cropped from (default {@value ResizeMode#DEFAULT_ID}, the run's default fit). */
        public Builder optFit(ResizeMode fit) {
            if (fit == null) {
                throw new IllegalArgumentException("fit must not be null");
            }
            this.fit = fit;
            return this;
        }

        /** Base seed (default {@value Preview#DEFAULT_SEED}). */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Gaussian blur (default {@link PolicyConfig.BlurMode#AUTO}: off for views of at most 64 px). */
        public Builder optBlur(PolicyConfig.BlurMode blur) {
            if (blur == null) {
                throw new IllegalArgumentException("blur must not be null");
            }
            this.blur = blur;
            return this;
        }

        /**
         * Colour jitter strength in [0, {@value Preview#MAX_STRENGTH}] (default: the policy's, 0.5 for views of at most
         * 64 px, else 1.0).
         */
        public Builder optStrength(double strength) {
            if (!(strength >= 0 && strength <= MAX_STRENGTH)) {
                throw new IllegalArgumentException("strength must be in [0.0, " + MAX_STRENGTH + "], got " + strength);
            }
            this.strength = strength;
            return this;
        }

        /**
         * Directories {@code file://} inputs must lie under (default: the current directory). Plain path inputs are
         * allowed their own directory.
         */
        public Builder optRoots(List<Path> roots) {
            this.roots = List.copyOf(roots);
            return this;
        }

        /** Input size budget in bytes (default {@value Preview#DEFAULT_MAX_BYTES}). */
        public Builder optMaxBytes(long maxBytes) {
            this.maxBytes = in("maxBytes", maxBytes, 1, Long.MAX_VALUE);
            return this;
        }

        /** Pixel budget, width x height (default {@value Preview#DEFAULT_MAX_PIXELS}). */
        public Builder optMaxPixels(long maxPixels) {
            this.maxPixels = in("maxPixels", maxPixels, 1, Long.MAX_VALUE);
            return this;
        }

        /**
         * Per-image decode time limit, 1..{@value Preview#MAX_TIMEOUT_MILLIS} ms (default
         * {@value Preview#DEFAULT_TIMEOUT_MILLIS}).
         */
        public Builder optTimeoutMillis(long timeoutMillis) {
            this.timeoutMillis = in("timeoutMillis", timeoutMillis, 1, MAX_TIMEOUT_MILLIS);
            return this;
        }

        /**
         * Where the {@code SIMCLR_S3_*} object store settings for {@code s3://} inputs are read (default: the process
         * environment).
         */
        public Builder optEnvironment(Map<String, String> env) {
            this.env = Map.copyOf(env);
            return this;
        }

        /**
         * The preview.
         *
         * @throws IllegalArgumentException if a root is not an existing directory
         */
        public Preview build() {
            if (roots.isEmpty()) {
                roots = List.of(Path.of("").toAbsolutePath());
            }
            FileFetcher.underRoots(roots);
            return new Preview(this);
        }

        private static long in(String name, long v, long min, long max) {
            if (v < min || v > max) {
                throw new IllegalArgumentException(name + " must be in " + min + ".." + max + ", got " + v);
            }
            return v;
        }
    }
}
