package dev.simclr.augment.bench;

import static dev.simclr.bench.BenchCli.fail;
import static dev.simclr.bench.BenchCli.number;

import com.sun.management.OperatingSystemMXBean;
import dev.simclr.augment.PolicyConfig;
import dev.simclr.augment.ViewPairFactory;
import dev.simclr.augment.cache.CacheContent;
import dev.simclr.augment.cache.EpochCache;
import dev.simclr.augment.cache.ImageCache;
import dev.simclr.augment.cache.LruCache;
import dev.simclr.augment.decode.ImageDecoder;
import dev.simclr.augment.fetch.FileFetcher;
import dev.simclr.augment.fetch.ImageFetcher;
import dev.simclr.augment.pipeline.ImagePipeline;
import dev.simclr.augment.pipeline.Outcome;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The epoch cache under replay: a dataset {@code --ratio} (4) times the cache budget, replayed in the same order for
 * {@code --epochs} (3) epochs through the real {@link ImagePipeline} (files read by {@link FileFetcher},
 * {@link ImageDecoder} with its budgets, the SimCLR policy), once per cache, side by side in one process:
 * {@code lru-decoded} (the augmenter's cache before issue 14) and {@link EpochCache} keeping {@code decoded},
 * {@code encoded} or {@code auto} content. One thread; {@code --fetch-latency-ms} adds a sleep to every fetch to model
 * a remote store. Per cache and epoch it prints the hit rate, views/s (wall) and views per CPU second of the process
 * (per core) as a human line and a JSON line, then a summary over the replay epochs (1 and later): mean hit rate,
 * median rates and their ratio to {@code lru-decoded}. Rounds alternate the order of the caches.
 *
 * <pre>usage: CacheBench [--case fmnist|jpeg] [--fmnist DIR] [--cache-mib M] [--ratio R] [--epochs E]
 *                   [--fetch-latency-ms L] [--rounds N]</pre>
 */
public final class CacheBench {

    private static final List<String> CACHES =
            List.of("lru-decoded", "tinylfu-decoded", "tinylfu-encoded", "tinylfu-auto");

    private CacheBench() {}

    /** Entry point. */
    public static void main(String[] args) throws IOException {
        Path fmnist = Path.of("/usr/share/datasets/fashion-mnist");
        String which = "fmnist";
        double cacheMib = -1;
        double ratio = 4;
        int epochs = 3;
        long latencyMs = 0;
        int rounds = 1;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                fail("option " + args[i] + " needs a value");
            }
            String v = args[i + 1];
            switch (args[i]) {
                case "--case" -> which = v;
                case "--fmnist" -> fmnist = Path.of(v);
                case "--cache-mib" -> cacheMib = number(args[i], v, 0.01, 4096);
                case "--ratio" -> ratio = number(args[i], v, 0.1, 100);
                case "--epochs" -> epochs = (int) number(args[i], v, 2, 100);
                case "--fetch-latency-ms" -> latencyMs = (long) number(args[i], v, 0, 10_000);
                case "--rounds" -> rounds = (int) number(args[i], v, 1, 20);
                default -> fail("unknown option " + args[i] + " (see the class javadoc)");
            }
        }
        boolean jpeg = which.equals("jpeg");
        if (!jpeg && !which.equals("fmnist")) {
            fail("--case must be fmnist or jpeg");
        }
        long cacheBytes = (long) ((cacheMib > 0 ? cacheMib : jpeg ? 32 : 4) * (1 << 20));
        Path idx = fmnist.resolve("train-images-idx3-ubyte.gz");
        if (!jpeg && !Files.isReadable(idx)) {
            fail("cannot read " + idx + " (--fmnist DIR)");
        }
        PolicyConfig policy = jpeg ? PolicyConfig.simclr(224, 3) : PolicyConfig.simclr(32, 1);
        PrintStream out = System.out;
        try (CacheBenchData data = jpeg
                ? CacheBenchData.syntheticJpegs(cacheBytes, ratio)
                : CacheBenchData.fashionMnist(idx, cacheBytes, ratio)) {
            String name = jpeg ? "jpeg224" : "fmnist32";
            out.printf(
                    Locale.ROOT,
                    "%s: %d images, decoded %.1f MiB, encoded %.1f MiB, cache %.1f MiB (data %.1fx the cache"
                            + " decoded, %.1fx encoded), %d epochs, fetch latency %d ms%n",
                    name,
                    data.uris().size(),
                    data.decodedBytes() / 1048576.0,
                    data.encodedBytes() / 1048576.0,
                    cacheBytes / 1048576.0,
                    (double) data.decodedBytes() / cacheBytes,
                    (double) data.encodedBytes() / cacheBytes,
                    epochs,
                    latencyMs);
            ImageFetcher fetcher = fetcher(data.dir(), latencyMs);
            warmUp(data, fetcher, policy);
            Map<String, List<double[]>> replay = new LinkedHashMap<>();
            for (String cache : CACHES) {
                replay.put(cache, new ArrayList<>());
            }
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < CACHES.size(); k++) {
                    String cache = CACHES.get(r % 2 == 0 ? k : CACHES.size() - 1 - k);
                    List<double[]> epochsOut =
                            run(out, name, cache, r, pipeline(cache, cacheBytes, fetcher, policy), data.uris(), epochs);
                    replay.get(cache).addAll(epochsOut.subList(1, epochsOut.size()));
                }
            }
            summary(out, name, replay);
        }
    }

    /** Per cache over the replay epochs: mean hit rate, median views/s and views per CPU-s, ratios to the LRU. */
    private static void summary(PrintStream out, String name, Map<String, List<double[]>> replay) {
        double[] lru = medians(replay.get(CACHES.get(0)));
        out.printf(Locale.ROOT, "== %s summary, epochs 1+ of every round (hit rate mean; rates median)%n", name);
        for (Map.Entry<String, List<double[]>> e : replay.entrySet()) {
            double[] m = medians(e.getValue());
            out.printf(
                    Locale.ROOT,
                    "%-15s hit rate %5.1f%%, %,8.0f views/s (x%.2f), %,8.0f views per CPU-s (x%.2f)%n",
                    e.getKey(),
                    100 * m[0],
                    m[1],
                    m[1] / lru[1],
                    m[2],
                    m[2] / lru[2]);
            out.printf(
                    Locale.ROOT,
                    "{\"case\":\"%s\",\"cache\":\"%s\",\"summary\":true,\"hit_rate\":%.4f,"
                            + "\"views_per_s\":%.1f,\"views_per_cpu_s\":%.1f,\"ratio_views_per_s\":%.3f,"
                            + "\"ratio_views_per_cpu_s\":%.3f}%n",
                    name,
                    e.getKey(),
                    m[0],
                    m[1],
                    m[2],
                    m[1] / lru[1],
                    m[2] / lru[2]);
        }
    }

    /** {mean of column 0, median of column 1, median of column 2}. */
    private static double[] medians(List<double[]> rows) {
        double hit = rows.stream().mapToDouble(r -> r[0]).average().orElse(0);
        return new double[] {hit, median(rows, 1), median(rows, 2)};
    }

    private static double median(List<double[]> rows, int col) {
        double[] v = rows.stream().mapToDouble(r -> r[col]).sorted().toArray();
        return v.length == 0 ? 0 : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static ImageFetcher fetcher(Path dir, long latencyMs) {
        FileFetcher files = FileFetcher.underRoots(List.of(dir));
        if (latencyMs == 0) {
            return files;
        }
        return (uri, max) -> {
            try {
                Thread.sleep(latencyMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return files.fetch(uri, max);
        };
    }

    private static ImagePipeline pipeline(String cache, long bytes, ImageFetcher fetcher, PolicyConfig policy) {
        ImagePipeline.Builder b = ImagePipeline.builder()
                .setFetcher(fetcher)
                .setDecoder(ImageDecoder.withDefaults())
                .setFactory(new ViewPairFactory(policy))
                .setRunSeed(42);
        return b.optCache(
                        switch (cache) {
                            case "lru-decoded" -> LruCache.of(bytes, CacheContent.DECODED);
                            case "tinylfu-decoded" -> EpochCache.of(bytes, CacheContent.DECODED);
                            case "tinylfu-encoded" -> EpochCache.of(bytes, CacheContent.ENCODED);
                            case "tinylfu-auto" -> EpochCache.of(bytes, CacheContent.AUTO);
                            default -> throw new IllegalArgumentException(cache);
                        })
                .build();
    }

    /** JIT warm-up of every path (fetch, decode, cache hits of both kinds, augment), not reported. */
    private static void warmUp(CacheBenchData data, ImageFetcher fetcher, PolicyConfig policy) {
        List<String> some = data.uris().subList(0, Math.min(2000, data.uris().size()));
        for (String cache : CACHES) {
            ImagePipeline p = pipeline(cache, Long.MAX_VALUE / 4, fetcher, policy);
            for (int e = 0; e < 2; e++) {
                epoch(p, some, e);
            }
        }
    }

    /** Runs the epochs; returns per epoch {hit rate, views/s, views per CPU-s}. */
    private static List<double[]> run(
            PrintStream out, String name, String cache, int round, ImagePipeline p, List<String> uris, int epochs) {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ImageCache c = p.cache();
        List<double[]> results = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            long hits = c.hits();
            long misses = c.misses();
            long cpu = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            epoch(p, uris, e);
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpuS = (os.getProcessCpuTime() - cpu) / 1e9;
            long h = c.hits() - hits;
            double rate = (double) h / (h + c.misses() - misses);
            long views = 2L * uris.size();
            out.printf(
                    Locale.ROOT,
                    "%-15s round %d epoch %d: hit rate %5.1f%%, %,8.0f views/s, %,8.0f views per CPU-s,"
                            + " cache %.1f MiB in %d entries%n",
                    cache,
                    round,
                    e,
                    100 * rate,
                    views / wall,
                    views / cpuS,
                    c.bytes() / 1048576.0,
                    c.size());
            out.printf(
                    Locale.ROOT,
                    "{\"case\":\"%s\",\"cache\":\"%s\",\"round\":%d,\"epoch\":%d,\"hit_rate\":%.4f,"
                            + "\"views_per_s\":%.1f,\"views_per_cpu_s\":%.1f,\"wall_s\":%.3f,\"cpu_s\":%.3f,\"cache_bytes\":%d,"
                            + "\"max_bytes\":%d}%n",
                    name,
                    cache,
                    round,
                    e,
                    rate,
                    views / wall,
                    views / cpuS,
                    wall,
                    cpuS,
                    c.bytes(),
                    c.maxBytes());
            results.add(new double[] {rate, views / wall, views / cpuS});
        }
        return results;
    }

    private static void epoch(ImagePipeline p, List<String> uris, int epoch) {
        for (String uri : uris) {
            Outcome o = p.process(null, uri.getBytes(StandardCharsets.UTF_8), epoch);
            if (!(o instanceof Outcome.Pair)) {
                throw new IllegalStateException(uri + ": " + o);
            }
        }
    }
}
