package dev.simclr.trainer.input;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simclr.contracts.EncodedViewPair;
import dev.simclr.contracts.OffsetRanges;
import dev.simclr.contracts.TrainedPosition;
import dev.simclr.contracts.ViewPair;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The exactly-once promise with a shuffle buffer, without Kafka: trainer lives that read a topic (three partitions,
 * transaction markers between records, dead letters), shuffle, batch, train a random part of what they sealed,
 * checkpoint every second step and die at a random record; each new life starts at the last checkpoint's watermarks and
 * skips what it lists above them. The surviving lineage must hold every pair in exactly one step and count every dead
 * letter once.
 */
class ShuffledResumeTest {

    private static final int B = 4;
    private static final int BUFFER = 8;
    private static final int CHECKPOINT_EVERY = 2;

    /** A record of the simulated topic: a pair, or a record that is dead-lettered. */
    private record Rec(int partition, long offset, boolean dead) {}

    /** A trained step: its pairs and the position a checkpoint after it records. */
    private record Step(List<String> pairIds, TrainedPosition position, int deadLettered) {}

    private static Map<Integer, List<Rec>> topic(Random rnd) {
        Map<Integer, List<Rec>> topic = new TreeMap<>();
        for (int p = 0; p < 3; p++) {
            List<Rec> recs = new ArrayList<>();
            long offset = 0;
            for (int i = 0; i < 40 + 3 * p; i++) {
                if (i % 9 == 8) {
                    offset++; // a transaction marker: an offset no record has
                }
                recs.add(new Rec(p, offset++, rnd.nextInt(13) == 0));
            }
            topic.put(p, recs);
        }
        return topic;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void killedAnywhereTheLineageTrainsEveryPairOnce(long seed) {
        Random rnd = new Random(seed);
        Map<Integer, List<Rec>> topic = topic(rnd);
        Map<Integer, Long> start = new TreeMap<>();
        topic.keySet().forEach(p -> start.put(p, 0L));
        List<Step> lineage = new ArrayList<>();
        TrainedPosition checkpoint = TrainedPosition.of(start);
        int checkpointStep = 0;
        int resumedWithRanges = 0;
        int lives = 6;
        int waiting = 0;
        for (int life = 0; life < lives; life++) {
            boolean last = life == lives - 1;
            lineage = new ArrayList<>(lineage.subList(0, checkpointStep));
            if (!checkpoint.trainedAbove().isEmpty()) {
                resumedWithRanges++;
            }
            PairBatcher batcher =
                    new PairBatcher(B, Duration.ofHours(1), checkpoint, new ShuffleBuffer<>(BUFFER, seed * 31 + life));
            ArrayDeque<PairBatch> queue = new ArrayDeque<>();
            int crashAt = last ? Integer.MAX_VALUE : 5 + rnd.nextInt(60);
            int read = 0;
            for (Rec r : interleave(topic, checkpoint.watermarks(), rnd)) {
                if (read++ == crashAt) {
                    break;
                }
                if (batcher.skipIfTrained(r.partition(), r.offset())) {
                    continue;
                }
                if (r.dead()) {
                    batcher.consumed(r.partition(), r.offset(), PairBatcher.Disposal.DEAD_LETTERED);
                } else {
                    batcher.add(r.partition(), r.offset(), pair(r), 0).ifPresent(queue::add);
                }
                while (!queue.isEmpty() && rnd.nextInt(3) == 0) {
                    lineage.add(train(queue.poll()));
                    if (lineage.size() % CHECKPOINT_EVERY == 0) {
                        checkpoint = lineage.get(lineage.size() - 1).position();
                        checkpointStep = lineage.size();
                    }
                }
            }
            if (last) {
                for (Optional<PairBatch> b = batcher.releaseIdle(0); b.isPresent(); b = batcher.releaseIdle(0)) {
                    queue.add(b.get());
                }
                batcher.sealIfDue(Long.MAX_VALUE).ifPresent(queue::add);
                assertThat(batcher.bufferedPairs())
                        .as("the shuffle buffer drained")
                        .isZero();
                waiting = batcher.pendingPairs();
                assertThat(waiting).as("only a single pair waits for company").isLessThanOrEqualTo(1);
                for (PairBatch b : queue) {
                    lineage.add(train(b));
                }
            }
        }
        assertThat(resumedWithRanges)
                .as("lives that resumed with ranges above the watermarks")
                .isPositive();

        List<String> trained =
                lineage.stream().flatMap(s -> s.pairIds().stream()).toList();
        List<String> expected = topic.values().stream()
                .flatMap(List::stream)
                .filter(r -> !r.dead())
                .map(ShuffledResumeTest::id)
                .toList();
        Map<String, Long> counts =
                trained.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(counts)
                .as("times each pair was trained in the surviving lineage")
                .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1L));
        assertThat(expected).containsAll(counts.keySet()).hasSize(counts.size() + waiting);
        assertThat(lineage.stream().mapToInt(Step::deadLettered).sum())
                .as("dead letters counted once")
                .isEqualTo(topic.values().stream()
                        .flatMap(List::stream)
                        .filter(Rec::dead)
                        .count());
        TrainedPosition end = lineage.get(lineage.size() - 1).position();
        if (waiting == 0) {
            topic.forEach((p, recs) -> {
                assertThat(end.watermarks().get(p))
                        .isEqualTo(recs.get(recs.size() - 1).offset() + 1);
                assertThat(end.above(p).isEmpty()).isTrue();
            });
        }
        // every step's position covers exactly the pairs of the steps up to it
        List<String> upTo = new ArrayList<>();
        for (Step s : lineage) {
            upTo.addAll(s.pairIds());
            List<String> covered = topic.values().stream()
                    .flatMap(List::stream)
                    .filter(r -> !r.dead())
                    .filter(r -> s.position().covers(r.partition(), r.offset()))
                    .map(ShuffledResumeTest::id)
                    .toList();
            assertThat(covered).containsExactlyInAnyOrderElementsOf(upTo);
        }
    }

    @Test
    void withoutABufferTheWatermarkIsThePositionAndNothingIsListedAboveIt() {
        PairBatcher b = new PairBatcher(2, Duration.ofHours(1), Map.of(0, 0L));
        b.add(0, 0, pair(new Rec(0, 0, false)), 0);
        PairBatch batch = b.add(0, 2, pair(new Rec(0, 2, false)), 0).orElseThrow();
        assertThat(batch.position()).isEqualTo(TrainedPosition.of(Map.of(0, 3L)));
    }

    @Test
    void bufferedPairsAreNotTrainedUntilSealedAndResumeSkipsWhatWasTrainedAboveTheWatermark() {
        PairBatcher b =
                new PairBatcher(2, Duration.ofHours(1), TrainedPosition.of(Map.of(0, 0L)), new ShuffleBuffer<>(3, 5));
        List<PairBatch> sealed = new ArrayList<>();
        for (long o = 0; o < 6; o++) {
            b.add(0, o, pair(new Rec(0, o, false)), 0).ifPresent(sealed::add);
        }
        assertThat(sealed).hasSize(1);
        assertThat(b.bufferedPairs()).isEqualTo(3);
        PairBatch first = sealed.get(0);
        List<Long> inBatch = first.pairs().stream()
                .map(p -> Long.parseLong(p.imageId().split("-")[1]))
                .toList();
        for (long o = 0; o < 6; o++) {
            assertThat(first.position().covers(0, o)).as("offset %d trained", o).isEqualTo(inBatch.contains(o));
        }
        // a new life from that position re-reads from the watermark and skips the two trained pairs
        PairBatcher resumed = new PairBatcher(2, Duration.ofHours(1), first.position(), new ShuffleBuffer<>(0, 0));
        List<Long> again = new ArrayList<>();
        for (long o = first.position().watermarks().get(0); o < 6; o++) {
            if (!resumed.skipIfTrained(0, o)) {
                again.add(o);
                resumed.add(0, o, pair(new Rec(0, o, false)), 0);
            }
        }
        assertThat(again).doesNotContainAnyElementsOf(inBatch).hasSize(4);
        assertThat(resumed.trainedBeforeSkipped())
                .isEqualTo(6 - first.position().watermarks().get(0) - 4);
    }

    @Test
    void aCheckpointWrittenWhileReReadingKeepsTheRangesNotYetReadAgain() {
        OffsetRanges trained = OffsetRanges.builder().add(3, 3).add(5, 6).build();
        PairBatcher b = new PairBatcher(
                2,
                Duration.ofHours(1),
                new TrainedPosition(Map.of(0, 2L), Map.of(0, trained)),
                new ShuffleBuffer<>(0, 0));
        assertThat(b.skipIfTrained(0, 2)).isFalse();
        b.add(0, 2, pair(new Rec(0, 2, false)), 0);
        assertThat(b.skipIfTrained(0, 3)).isTrue();
        PairBatch batch = b.add(0, 4, pair(new Rec(0, 4, false)), 0).orElseThrow();
        assertThat(batch.position())
                .as("5 and 6 were trained before; not read again yet")
                .isEqualTo(new TrainedPosition(
                        Map.of(0, 5L),
                        Map.of(0, OffsetRanges.builder().add(5, 6).build())));
    }

    private static List<Rec> interleave(Map<Integer, List<Rec>> topic, Map<Integer, Long> from, Random rnd) {
        Map<Integer, ArrayDeque<Rec>> left = new HashMap<>();
        topic.forEach((p, recs) -> left.put(
                p,
                recs.stream()
                        .filter(r -> r.offset() >= from.get(p))
                        .collect(Collectors.toCollection(ArrayDeque::new))));
        List<Rec> out = new ArrayList<>();
        List<Integer> partitions = new ArrayList<>(left.keySet());
        while (!partitions.isEmpty()) {
            int p = partitions.get(rnd.nextInt(partitions.size()));
            int chunk = 1 + rnd.nextInt(5);
            for (int i = 0; i < chunk && !left.get(p).isEmpty(); i++) {
                out.add(left.get(p).poll());
            }
            if (left.get(p).isEmpty()) {
                partitions.remove(Integer.valueOf(p));
            }
        }
        return out;
    }

    private static Step train(PairBatch b) {
        return new Step(b.pairs().stream().map(EncodedViewPair::imageId).toList(), b.position(), b.deadLettered());
    }

    private static String id(Rec r) {
        return r.partition() + "-" + r.offset();
    }

    private static EncodedViewPair pair(Rec r) {
        return EncodedViewPair.of(new ViewPair(id(r), 0, r.offset(), 1, 1, 1, new byte[1], new byte[1]));
    }
}
