package dev.simclr.trainer.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShuffleBufferTest {

    /** Feeds {@code epochs} passes over 0..n-1 (as the augmenter replays the images) and drains the rest. */
    private static List<Integer> run(ShuffleBuffer<Integer> buffer, int n, int epochs) {
        List<Integer> out = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            for (int i = 0; i < n; i++) {
                buffer.offer(i).ifPresent(out::add);
            }
        }
        for (Optional<Integer> o = buffer.poll(); o.isPresent(); o = buffer.poll()) {
            out.add(o.get());
        }
        return out;
    }

    @Test
    void theSameSeedGivesTheSameOrderAndAnotherSeedAnother() {
        List<Integer> a = run(new ShuffleBuffer<>(64, 7), 1000, 2);
        List<Integer> b = run(new ShuffleBuffer<>(64, 7), 1000, 2);
        List<Integer> c = run(new ShuffleBuffer<>(64, 8), 1000, 2);
        assertThat(a).hasSize(2000).isEqualTo(b).isNotEqualTo(c);
        List<Integer> sorted = new ArrayList<>(a);
        sorted.sort(null);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            expected.add(i);
            expected.add(i);
        }
        assertThat(sorted).as("every item released exactly once per offer").isEqualTo(expected);
    }

    @Test
    void everyEpochIsReleasedInAnotherOrder() {
        int n = 1000;
        List<Integer> out = run(new ShuffleBuffer<>(64, 42), n, 3);
        // an item's rank in each epoch's release order: per epoch the k-th release of item i
        Map<Integer, int[]> rank = new HashMap<>();
        Map<Integer, Integer> seen = new HashMap<>();
        for (int pos = 0; pos < out.size(); pos++) {
            int item = out.get(pos);
            int epoch = seen.merge(item, 1, Integer::sum) - 1;
            rank.computeIfAbsent(item, k -> new int[3])[epoch] = pos - epoch * n;
        }
        long sameRank01 = rank.values().stream().filter(r -> r[0] == r[1]).count();
        long sameRank12 = rank.values().stream().filter(r -> r[1] == r[2]).count();
        assertThat(sameRank01).as("items at the same place in epochs 0 and 1").isLessThan(n / 20);
        assertThat(sameRank12).as("items at the same place in epochs 1 and 2").isLessThan(n / 20);
        long inInputOrder = rank.entrySet().stream()
                .filter(e -> e.getValue()[0] == e.getKey())
                .count();
        assertThat(inInputOrder).as("items released at their input position").isLessThan(n / 20);
        // with no buffer the order never changes
        List<Integer> plain = run(new ShuffleBuffer<>(0, 42), n, 2);
        assertThat(plain.subList(0, n)).isEqualTo(plain.subList(n, 2 * n));
    }

    @Test
    void holdsAtMostItsCapacityAndReleasesNothingOlderThanTheMaxAge() {
        int capacity = 16;
        long maxAge = 3L * capacity;
        ShuffleBuffer<Long> buffer = new ShuffleBuffer<>(capacity, 123);
        long offers = 0;
        for (long i = 0; i < 100_000; i++) {
            Optional<Long> out = buffer.offer(i);
            offers++;
            assertThat(buffer.size()).isLessThanOrEqualTo(capacity);
            if (i < capacity) {
                assertThat(out).as("nothing released while filling").isEmpty();
            } else {
                long released = out.orElseThrow();
                assertThat(i - released).as("wait of item %d", released).isLessThanOrEqualTo(maxAge);
            }
        }
        assertThat(buffer.size()).isEqualTo(capacity);
        assertThat(offers).isEqualTo(100_000);
        assertThatThrownBy(() -> new ShuffleBuffer<>(-1, 0)).hasMessageContaining("capacity must be >= 0");
        assertThatThrownBy(() -> new ShuffleBuffer<>(8, 4, 0)).hasMessageContaining("max age >= capacity");
    }

    @Test
    void capacityZeroPassesEveryItemStraightThrough() {
        ShuffleBuffer<String> buffer = new ShuffleBuffer<>(0, 1);
        assertThat(buffer.offer("a")).contains("a");
        assertThat(buffer.size()).isZero();
        assertThat(buffer.poll()).isEmpty();
    }
}
