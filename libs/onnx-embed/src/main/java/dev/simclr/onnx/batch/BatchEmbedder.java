package dev.simclr.onnx.batch;

import dev.simclr.augment.DecodedImage;
import dev.simclr.augment.decode.DecodeException;
import dev.simclr.augment.decode.ImageDecoder;
import dev.simclr.onnx.OnnxEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Embeds a list of images with an {@link OnnxEncoder} in batches of the encoder's batch size and streams the result:
 * after every batch its rows are written in input order and the writer is flushed, so an interrupted run keeps every
 * finished batch. Images are read and decoded on {@code decodeThreads} threads, the next batch while ONNX Runtime runs
 * the current one. An unusable image (missing, undecodable, too large for the model's pad mode) is reported to the
 * listener and skipped; a failure of ONNX Runtime itself ends the run.
 */
public final class BatchEmbedder implements AutoCloseable {

    /** Hears about skipped images and finished batches (called on the thread that runs {@link #run}). */
    public interface Listener {
        /** An image that was skipped, with a one-line reason. */
        void failed(EmbedInput input, String reason);

        /** A batch was written; the counts are cumulative. */
        void batchDone(long embedded, long failed);
    }

    /**
     * The outcome of a run.
     *
     * @param embedded rows written
     * @param failed images skipped
     * @param elapsed wall time
     */
    public record Report(long embedded, long failed, Duration elapsed) {
        /** Rows per second. */
        public double imagesPerSecond() {
            return embedded / Math.max(1e-9, elapsed.toNanos() / 1e9);
        }
    }

    private final OnnxEncoder encoder;
    private final ImageDecoder decoder;
    private final ExecutorService decodePool;
    private final ExecutorService prefetch;

    /**
     * An embedder over {@code encoder} (not closed by this class).
     *
     * @param decodeThreads threads that read and decode images, {@code >= 1}
     */
    public BatchEmbedder(OnnxEncoder encoder, ImageDecoder decoder, int decodeThreads) {
        if (decodeThreads < 1) {
            throw new IllegalArgumentException("decode threads must be >= 1, got " + decodeThreads);
        }
        this.encoder = encoder;
        this.decoder = decoder;
        AtomicInteger n = new AtomicInteger();
        this.decodePool =
                Executors.newFixedThreadPool(decodeThreads, r -> daemon(r, "embed-decode-" + n.incrementAndGet()));
        this.prefetch = Executors.newSingleThreadExecutor(r -> daemon(r, "embed-prefetch"));
    }

    /**
     * Embeds {@code inputs} and writes one row per usable image to {@code out} ({@code format}'s header first),
     * flushing after every batch.
     *
     * @throws IOException when writing fails
     * @throws dev.simclr.onnx.OnnxEmbedException when ONNX Runtime fails
     */
    public Report run(List<EmbedInput> inputs, RowFormat format, Writer out, Listener listener) throws IOException {
        long t0 = System.nanoTime();
        String header = format.header(encoder.featureDim());
        if (header != null) {
            out.write(header);
            out.write(System.lineSeparator());
            out.flush();
        }
        int batch = encoder.batchSize();
        int batches = (inputs.size() + batch - 1) / batch;
        long embedded = 0;
        long failed = 0;
        CompletableFuture<Decoded> next = batches == 0 ? null : decodeAsync(inputs, 0, batch);
        for (int b = 0; b < batches; b++) {
            Decoded d = join(next);
            next = b + 1 < batches ? decodeAsync(inputs, (b + 1) * batch, batch) : null;
            for (int i = 0; i < d.failures().size(); i++) {
                listener.failed(d.failures().get(i), d.reasons().get(i));
            }
            failed += d.failures().size();
            if (!d.ok().isEmpty()) {
                float[][] features = encoder.embedPixels(d.pixels(), d.ok().size());
                StringBuilder rows = new StringBuilder(d.ok().size() * (32 + features[0].length * 12));
                for (int i = 0; i < features.length; i++) {
                    rows.append(format.row(d.ok().get(i).name(), features[i])).append(System.lineSeparator());
                }
                out.write(rows.toString());
                embedded += features.length;
            }
            out.flush();
            listener.batchDone(embedded, failed);
        }
        return new Report(embedded, failed, Duration.ofNanos(System.nanoTime() - t0));
    }

    /** One decoded batch: the usable inputs with their preprocessed pixels, and the skipped ones. */
    private record Decoded(List<EmbedInput> ok, byte[] pixels, List<EmbedInput> failures, List<String> reasons) {}

    private CompletableFuture<Decoded> decodeAsync(List<EmbedInput> inputs, int from, int size) {
        List<EmbedInput> part = inputs.subList(from, Math.min(inputs.size(), from + size));
        return CompletableFuture.supplyAsync(() -> decode(part), prefetch);
    }

    private Decoded decode(List<EmbedInput> part) {
        List<Future<byte[]>> futures = new ArrayList<>(part.size());
        for (EmbedInput in : part) {
            futures.add(decodePool.submit(() -> prepare(in)));
        }
        int per = encoder.preprocessor().imageBytes();
        List<EmbedInput> ok = new ArrayList<>(part.size());
        byte[] pixels = new byte[part.size() * per];
        List<EmbedInput> failures = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < part.size(); i++) {
            try {
                byte[] px = futures.get(i).get();
                System.arraycopy(px, 0, pixels, ok.size() * per, per);
                ok.add(part.get(i));
            } catch (ExecutionException e) {
                failures.add(part.get(i));
                reasons.add(reason(e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
            }
        }
        byte[] used = ok.size() == part.size() ? pixels : Arrays.copyOf(pixels, ok.size() * per);
        return new Decoded(ok, used, failures, reasons);
    }

    private byte[] prepare(EmbedInput in) throws IOException {
        DecodedImage img = decoder.decode(in.bytes().read(decoder.maxBytes()));
        return encoder.preprocessor().apply(img);
    }

    private static Decoded join(CompletableFuture<Decoded> f) throws IOException {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** A one-line reason for a skipped image. */
    static String reason(Throwable e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof DecodeException d) {
            return "cannot decode (" + d.kind().name().toLowerCase(Locale.ROOT) + "): " + d.getMessage();
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Stops the decode threads. */
    @Override
    public void close() {
        prefetch.shutdownNow();
        decodePool.shutdownNow();
    }
}
