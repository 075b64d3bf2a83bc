package dev.simclr.trainer.input;

import dev.simclr.contracts.EncodedViewPair;
import dev.simclr.contracts.OffsetRanges;
import dev.simclr.contracts.TrainedPosition;
import dev.simclr.contracts.ViewPair;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.kafka.common.utils.Utils;

/**
 * How much batch composition repeats between epochs, with and without the shuffle buffer; no model, no broker. It
 * simulates what the trainer's intake sees: the augmenter replays the images in log order every epoch and writes each
 * pair to the views partition of its key (Kafka's default partitioner: murmur2 of the image id); the trainer's consumer
 * hands out records in chunks of 1 to {@code fetch} records of one partition at a time (a fetch of up to 1 MiB per
 * partition), in a random partition order. The records go through the real {@link PairBatcher} and
 * {@link ShuffleBuffer}.
 *
 * <p>Measured per pair of consecutive epochs: of the (anchor, negative) image pairs that share a batch in epoch e+1,
 * the share that also shared one in epoch e; for comparison, batches drawn uniformly at random repeat (B - 1) / (N - 1)
 * of them. It also reports what the checkpoint pays: the largest number of ranges in {@code trainedAbove}, its encoded
 * size, and the largest lag of the watermarks behind the consumed position (records, summed over partitions: what the
 * augmenter's lag gate sees on top of the queued batches).
 *
 * <p>Arguments ({@code --key value}): images (60000), batch (128), partitions (4), epochs (3), fetch (480), buffers
 * (comma-separated pairs, default {@code 0,2B,16B,64B}), seed (42).
 */
public final class BatchOverlapBench {

    /** One row of results. */
    record Result(int buffer, double[] repeatShare, int maxRanges, int maxAttributeChars, long maxLag) {}

    private BatchOverlapBench() {}

    public static void main(String[] args) {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int images = Integer.parseInt(a.getOrDefault("images", "60000"));
        int batch = Integer.parseInt(a.getOrDefault("batch", "128"));
        int partitions = Integer.parseInt(a.getOrDefault("partitions", "4"));
        int epochs = Integer.parseInt(a.getOrDefault("epochs", "3"));
        int fetch = Integer.parseInt(a.getOrDefault("fetch", "480"));
        long seed = Long.parseLong(a.getOrDefault("seed", "42"));
        String buffers = a.getOrDefault("buffers", "0," + 2 * batch + "," + 16 * batch + "," + 64 * batch);
        System.out.printf(
                Locale.ROOT,
                "# %d images, batch %d, %d partitions, %d epochs, fetch chunks 1..%d, seed %d;"
                        + " uniformly random batches would repeat %.3f%%%n",
                images,
                batch,
                partitions,
                epochs,
                fetch,
                seed,
                100.0 * (batch - 1) / (images - 1));
        System.out.println("| shuffle buffer (pairs) | repeated (anchor, negative) pairs, per epoch change |"
                + " max ranges in trainedAbove | its size (chars) | max watermark lag (records) |");
        System.out.println("| --- | --- | --- | --- | --- |");
        for (String b : buffers.split(",")) {
            Result r = run(images, batch, partitions, epochs, fetch, Integer.parseInt(b.trim()), seed);
            StringBuilder shares = new StringBuilder();
            for (int e = 0; e < r.repeatShare().length; e++) {
                shares.append(e > 0 ? ", " : "")
                        .append(String.format(Locale.ROOT, "%d→%d: %.2f%%", e, e + 1, 100 * r.repeatShare()[e]));
            }
            System.out.printf(
                    Locale.ROOT,
                    "| %d | %s | %d | %d | %d |%n",
                    r.buffer(),
                    shares,
                    r.maxRanges(),
                    r.maxAttributeChars(),
                    r.maxLag());
        }
    }

    /** Runs one configuration; returns the repeat share of every epoch change and the checkpoint costs. */
    static Result run(int images, int batch, int partitions, int epochs, int fetch, int buffer, long seed) {
        List<List<Integer>> byPartition = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            byPartition.add(new ArrayList<>());
        }
        for (int i = 0; i < images; i++) {
            byte[] key = id(i).getBytes(StandardCharsets.UTF_8);
            byPartition.get(Utils.toPositive(Utils.murmur2(key)) % partitions).add(i);
        }
        Map<Integer, Long> start = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            start.put(p, 0L);
        }
        PairBatcher batcher = new PairBatcher(
                batch, Duration.ofHours(1), TrainedPosition.of(start), new ShuffleBuffer<>(buffer, seed));
        int[][] batchOf = new int[epochs][images];
        for (int[] row : batchOf) {
            Arrays.fill(row, -1);
        }
        List<List<int[]>> batches = new ArrayList<>(); // per batch: {epoch, image}
        long[] next = new long[partitions];
        List<ArrayDeque<Integer>> queues = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            ArrayDeque<Integer> q = new ArrayDeque<>();
            for (int e = 0; e < epochs; e++) {
                for (int i : byPartition.get(p)) {
                    q.add(e * images + i);
                }
            }
            queues.add(q);
        }
        SplittableRandom rnd = new SplittableRandom(seed + 1);
        int maxRanges = 0;
        int maxChars = 0;
        long maxLag = 0;
        List<Integer> open = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            open.add(p);
        }
        while (!open.isEmpty()) {
            int p = open.get(rnd.nextInt(open.size()));
            int chunk = 1 + rnd.nextInt(fetch);
            for (int k = 0; k < chunk && !queues.get(p).isEmpty(); k++) {
                int code = queues.get(p).poll();
                EncodedViewPair pair = EncodedViewPair.of(
                        new ViewPair(id(code % images), code / images, code, 1, 1, 1, new byte[1], new byte[1]));
                Optional<PairBatch> sealed = batcher.add(p, next[p]++, pair, 0);
                if (sealed.isPresent()) {
                    PairBatch b = sealed.get();
                    record(b, batches, batchOf, images);
                    int ranges = b.position().trainedAbove().values().stream()
                            .mapToInt(OffsetRanges::rangeCount)
                            .sum();
                    maxRanges = Math.max(maxRanges, ranges);
                    maxChars = Math.max(
                            maxChars, b.position().toAttribute().toString().length());
                    long lag = 0;
                    for (int q = 0; q < partitions; q++) {
                        lag += next[q] - b.position().watermarks().get(q);
                    }
                    maxLag = Math.max(maxLag, lag);
                }
            }
            if (queues.get(p).isEmpty()) {
                open.remove(Integer.valueOf(p));
            }
        }
        for (Optional<PairBatch> b = batcher.releaseIdle(0); b.isPresent(); b = batcher.releaseIdle(0)) {
            record(b.get(), batches, batchOf, images);
        }
        double[] shares = new double[epochs - 1];
        for (int e = 0; e + 1 < epochs; e++) {
            long together = 0;
            long repeated = 0;
            for (List<int[]> members : batches) {
                Map<Integer, Integer> previousBatch = new HashMap<>();
                int n = 0;
                for (int[] m : members) {
                    if (m[0] == e + 1) {
                        n++;
                        previousBatch.merge(batchOf[e][m[1]], 1, Integer::sum);
                    }
                }
                together += (long) n * (n - 1) / 2;
                for (Map.Entry<Integer, Integer> g : previousBatch.entrySet()) {
                    if (g.getKey() >= 0) {
                        repeated += (long) g.getValue() * (g.getValue() - 1) / 2;
                    }
                }
            }
            shares[e] = together == 0 ? 0 : (double) repeated / together;
        }
        return new Result(buffer, shares, maxRanges, maxChars, maxLag);
    }

    private static void record(PairBatch b, List<List<int[]>> batches, int[][] batchOf, int images) {
        List<int[]> members = new ArrayList<>();
        for (EncodedViewPair p : b.pairs()) {
            int image = Integer.parseInt(p.imageId().substring(6));
            members.add(new int[] {p.epoch(), image});
            batchOf[p.epoch()][image] = batches.size();
        }
        batches.add(members);
    }

    private static String id(int image) {
        return "train-" + image;
    }
}
