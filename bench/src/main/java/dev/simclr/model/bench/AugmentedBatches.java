package dev.simclr.model.bench;

import dev.simclr.augment.DecodedImage;
import dev.simclr.augment.SimClrPolicy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Producer-consumer source of augmented view-pair batches: worker threads draw SimCLR views of shuffled images while
 * the caller trains on earlier batches. At most {@code prefetch} batches are queued or being built (bounded memory);
 * {@link #next()} returns them in order.
 *
 * <p>Batch {@code i} belongs to epoch {@code i / stepsPerEpoch} and takes the images at positions {@code (i %
 * stepsPerEpoch) * B ...} of that epoch's permutation (seeded by run seed and epoch; the last partial batch of an epoch
 * is dropped). The pair of image {@code j} in epoch {@code e} is drawn from {@code SplittableRandom(mix(seed, e, j))},
 * so batches are reproducible whatever the number of workers.
 */
final class AugmentedBatches implements AutoCloseable {

    /** One batch: the first and second view of each pair. */
    record PairBatch(long index, int epoch, List<byte[]> first, List<byte[]> second) {}

    private final DecodedImage[] images;
    private final SimClrPolicy policy;
    private final int batchSize;
    private final long seed;
    private final long totalBatches;
    private final int stepsPerEpoch;
    private final ExecutorService workers;
    private final ArrayDeque<Future<PairBatch>> pending = new ArrayDeque<>();
    private final Map<Integer, int[]> permutations = new ConcurrentHashMap<>();
    private long submitted;

    AugmentedBatches(
            DecodedImage[] images,
            SimClrPolicy policy,
            int batchSize,
            long seed,
            long totalBatches,
            int threads,
            int prefetch) {
        if (images.length < batchSize) {
            throw new IllegalArgumentException(
                    "--batch " + batchSize + " is larger than the " + images.length + " images");
        }
        this.images = images;
        this.policy = policy;
        this.batchSize = batchSize;
        this.seed = seed;
        this.totalBatches = totalBatches;
        this.stepsPerEpoch = images.length / batchSize;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "augment-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        while (pending.size() < prefetch && submitted < totalBatches) {
            submitNext();
        }
    }

    /** Returns the full batches per epoch. */
    int stepsPerEpoch() {
        return stepsPerEpoch;
    }

    /** Returns the batches currently queued or being built. */
    int queued() {
        return (int) pending.stream().filter(Future::isDone).count();
    }

    /**
     * Returns the next batch, waiting for a worker if it is not ready yet.
     *
     * @throws IllegalStateException after the last batch, or when augmentation failed
     */
    PairBatch next() throws InterruptedException {
        Future<PairBatch> head = pending.pollFirst();
        if (head == null) {
            throw new IllegalStateException("all " + totalBatches + " batches were taken");
        }
        if (submitted < totalBatches) {
            submitNext();
        }
        try {
            return head.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("augmentation failed: " + e.getCause(), e.getCause());
        }
    }

    private void submitNext() {
        long index = submitted++;
        pending.addLast(workers.submit(() -> build(index)));
    }

    private PairBatch build(long index) {
        int epoch = Math.toIntExact(index / stepsPerEpoch);
        int offset = (int) (index % stepsPerEpoch) * batchSize;
        int[] order = permutations.computeIfAbsent(epoch, this::permutation);
        permutations.keySet().removeIf(e -> e < epoch - 1);
        List<byte[]> first = new ArrayList<>(batchSize);
        List<byte[]> second = new ArrayList<>(batchSize);
        for (int k = 0; k < batchSize; k++) {
            int j = order[offset + k];
            SplittableRandom rng = new SplittableRandom(mix(seed, epoch, j));
            first.add(policy.apply(images[j], rng));
            second.add(policy.apply(images[j], rng));
        }
        return new PairBatch(index, epoch, first, second);
    }

    private int[] permutation(int epoch) {
        int[] p = new int[images.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(mix(seed, epoch, -1));
        for (int i = p.length - 1; i > 0; i--) {
            int k = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[k];
            p[k] = t;
        }
        return p;
    }

    /** SplitMix64-style mixing of (seed, epoch, item) into one seed. */
    static long mix(long seed, long epoch, long item) {
        long z = seed + 0x9E3779B97F4A7C15L * (epoch + 1) + 0xC2B2AE3D27D4EB4FL * (item + 2);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
