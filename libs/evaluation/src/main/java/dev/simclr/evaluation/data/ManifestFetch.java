package dev.simclr.evaluation.data;

import dev.simclr.augment.DecodedImage;
import dev.simclr.contracts.ImageManifest;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fetches, decodes and preprocesses the images of one manifest split, in manifest order. */
final class ManifestFetch {

    private static final Logger LOG = LoggerFactory.getLogger(ManifestFetch.class);

    private final String name;
    private final Function<URI, byte[]> fetcher;
    private final Function<byte[], DecodedImage> decoder;
    private final Preprocessing preprocessing;
    private final int parallelism;
    private final AtomicInteger maxChannels = new AtomicInteger();
    private final ConcurrentLinkedQueue<Integer> sides = new ConcurrentLinkedQueue<>();

    ManifestFetch(
            String name,
            Function<URI, byte[]> fetcher,
            Function<byte[], DecodedImage> decoder,
            Preprocessing preprocessing,
            int parallelism) {
        this.name = name;
        this.fetcher = fetcher;
        this.decoder = decoder;
        this.preprocessing = preprocessing;
        this.parallelism = parallelism;
    }

    LabelledImages load(String split, List<ImageManifest.Entry> entries) {
        int n = entries.size();
        int bytes = preprocessing.imageBytes();
        byte[] pixels = new byte[LabelledImages.totalBytes(n, bytes, "manifest " + name)];
        int[] labels = new int[n];
        ProgressLog progress = new ProgressLog(LOG, "eval set " + name + "/" + split, "images", n, 10);
        if (parallelism == 1) {
            for (int i = 0; i < n; i++) {
                System.arraycopy(one(entries.get(i)), 0, pixels, i * bytes, bytes);
                labels[i] = label(entries.get(i));
                progress.update(i + 1);
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
                Thread t = new Thread(r, "evalset-fetch");
                t.setDaemon(true);
                return t;
            });
            try {
                Deque<Future<byte[]>> window = new ArrayDeque<>();
                int next = 0;
                for (int i = 0; i < n; i++) {
                    while (next < n && window.size() < 4 * parallelism) {
                        ImageManifest.Entry e = entries.get(next++);
                        window.add(pool.submit(() -> one(e)));
                    }
                    System.arraycopy(await(window.poll()), 0, pixels, i * bytes, bytes);
                    labels[i] = label(entries.get(i));
                    progress.update(i + 1);
                }
            } finally {
                pool.shutdownNow();
            }
        }
        return new LabelledImages(
                preprocessing.height(), preprocessing.width(), preprocessing.channels(), pixels, labels);
    }

    private static byte[] await(Future<byte[]> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof EvalSetException ese) {
                throw ese;
            }
            throw new EvalSetException("eval set load failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EvalSetException("interrupted while loading the eval set", e);
        }
    }

    /** The label of a line; 0 for the unlabelled lines of a sample. */
    private static int label(ImageManifest.Entry e) {
        return e.label() == null ? 0 : e.label();
    }

    private byte[] one(ImageManifest.Entry e) {
        String where = "manifest line " + e.line() + " (" + e.uri() + ")";
        byte[] encoded;
        try {
            encoded = fetcher.apply(URI.create(e.uri()));
        } catch (RuntimeException ex) {
            throw new EvalSetException(where + ": fetch failed: " + reason(ex), ex);
        }
        if (encoded == null) {
            throw new EvalSetException(where + ": fetch returned no bytes");
        }
        DecodedImage image;
        try {
            image = decoder.apply(encoded);
        } catch (RuntimeException ex) {
            throw new EvalSetException(where + ": cannot decode: " + reason(ex), ex);
        }
        if (image == null) {
            throw new EvalSetException(where + ": cannot decode: the decoder returned no image");
        }
        maxChannels.accumulateAndGet(image.channels(), Math::max);
        sides.add(Math.max(image.width(), image.height()));
        try {
            return preprocessing.apply(image);
        } catch (IllegalArgumentException ex) {
            throw new EvalSetException(where + ": " + ex.getMessage(), ex);
        }
    }

    /** The largest channel count of the images decoded so far (before preprocessing). */
    int maxChannels() {
        return maxChannels.get();
    }

    /** The median of the images' longer sides decoded so far, in source pixels. */
    int medianSide() {
        int[] s = sides.stream().mapToInt(Integer::intValue).sorted().toArray();
        return s.length == 0 ? 0 : s[s.length / 2];
    }

    private static String reason(RuntimeException ex) {
        return ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName();
    }
}
