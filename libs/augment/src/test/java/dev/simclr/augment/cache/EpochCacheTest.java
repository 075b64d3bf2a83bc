package dev.simclr.augment.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.augment.DecodedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class EpochCacheTest {

    private static CachedImage img(int side) {
        return new CachedImage.Pixels(new DecodedImage(side, side, 1, new byte[side * side]));
    }

    /** The URIs of a dataset of {@code n} images, in the order an epoch replays them. */
    private static List<String> uris(int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(String.format(Locale.ROOT, "s3://data/img-%05d.png", i));
        }
        return out;
    }

    /**
     * Replays {@code uris} in order for {@code epochs} epochs the way the pipeline uses the cache (get; on a miss,
     * put), checking the byte bound after every put; returns the hits of each epoch.
     */
    private static long[] replay(ImageCache cache, List<String> uris, int epochs, int side) {
        long[] hits = new long[epochs];
        for (int e = 0; e < epochs; e++) {
            long before = cache.hits();
            for (String uri : uris) {
                if (cache.get(uri) == null) {
                    cache.put(uri, img(side));
                    assertThat(cache.bytes())
                            .as("bytes after putting %s in epoch %d", uri, e)
                            .isLessThanOrEqualTo(cache.maxBytes());
                }
            }
            hits[e] = cache.hits() - before;
        }
        return hits;
    }

    @Test
    void keepsAStableSubsetUnderCyclicAccessToFourTimesItsBudget() {
        int n = 2000;
        int side = 30;
        List<String> uris = uris(n);
        long budget = ImageCache.sizeOf(uris.get(0), img(side)) * n / 4;
        EpochCache cache = EpochCache.of(budget, CacheContent.DECODED);
        long[] hits = replay(cache, uris, 3, side);

        assertThat(hits[0]).as("epoch 0 starts cold").isZero();
        for (int e = 1; e < 3; e++) {
            assertThat((double) hits[e] / n)
                    .as("hit rate of epoch %d (at most 0.25: the cache holds a quarter)", e)
                    .isGreaterThan(0.15)
                    .isLessThanOrEqualTo(0.25);
        }
        long cachedNow = uris.stream().filter(cache::contains).count();
        assertThat(cachedNow).isGreaterThan(n / 5).isLessThanOrEqualTo(n / 4);
        assertThat(cache.bytes()).isLessThanOrEqualTo(budget);

        // the LRU it replaces, same budget, same replay: every lookup misses
        assertThat(replay(LruCache.of(budget, CacheContent.DECODED), uris, 3, side))
                .containsExactly(0, 0, 0);
    }

    @Test
    void countersAndBytesMatchWhatHappened() {
        int side = 10;
        List<String> uris = uris(10);
        long each = ImageCache.sizeOf(uris.get(0), img(side));
        EpochCache cache = EpochCache.of(each * 4, CacheContent.DECODED);
        assertThat(cache.get(uris.get(0))).isNull();
        cache.put(uris.get(0), img(side));
        assertThat(cache.get(uris.get(0))).isEqualTo(img(side));
        assertThat(cache.get(uris.get(0))).isNotNull();
        assertThat(cache.hits()).isEqualTo(2);
        assertThat(cache.misses()).isEqualTo(1);
        assertThat(cache.hitRate()).isEqualTo(2.0 / 3);
        assertThat(cache.bytes()).isEqualTo(each);
        assertThat(cache.evictions()).isZero();

        for (String uri : uris) {
            cache.put(uri, img(side));
        }
        assertThat(cache.size()).isEqualTo(4);
        assertThat(cache.bytes()).isEqualTo(4 * each);
        assertThat(cache.evictions()).as("10 distinct images offered, 4 kept").isEqualTo(10 - 4);
        assertThat(uris.stream().filter(cache::contains).count()).isEqualTo(4);
        assertThat(cache.hits()).as("put and contains are not lookups").isEqualTo(2);
        assertThat(cache.misses()).isEqualTo(1);
    }

    @Test
    void encodedEntriesAreChargedTheirBytes() {
        EpochCache cache = EpochCache.of(1 << 20, CacheContent.ENCODED);
        cache.put("s3://b/a.jpg", new CachedImage.Encoded(new byte[1000]));
        assertThat(cache.bytes()).isEqualTo(1000 + 2 * "s3://b/a.jpg".length() + ImageCache.ENTRY_OVERHEAD_BYTES);
        assertThat(cache.get("s3://b/a.jpg"))
                .isInstanceOfSatisfying(
                        CachedImage.Encoded.class, e -> assertThat(e.data()).hasSize(1000));
        assertThat(cache.content()).isEqualTo(CacheContent.ENCODED);
    }

    @Test
    void entriesLargerThanTheBudgetAreNotStoredAndZeroStoresNothing() {
        long small = ImageCache.sizeOf("a", img(50));
        EpochCache cache = EpochCache.of(small + 10, CacheContent.DECODED);
        cache.put("a", img(50));
        cache.put("huge", img(60));
        assertThat(cache.contains("huge")).isFalse();
        assertThat(cache.contains("a")).isTrue();
        assertThat(cache.evictions()).isZero();

        EpochCache off = EpochCache.of(0, CacheContent.DECODED);
        off.put("a", img(1));
        assertThat(off.get("a")).isNull();
        assertThat(off.size()).isZero();
        assertThat(off.bytes()).isZero();
        assertThat(off.misses()).isEqualTo(1);
        assertThatThrownBy(() -> EpochCache.of(-1, CacheContent.DECODED)).hasMessageContaining(">= 0");
    }

    @Test
    void contentChoosesPixelsOrBytes() {
        DecodedImage pixels = new DecodedImage(10, 10, 3, new byte[300]);
        assertThat(CacheContent.DECODED.choose(new byte[10], pixels)).isEqualTo(new CachedImage.Pixels(pixels));
        assertThat(CacheContent.ENCODED.choose(new byte[400], pixels)).isInstanceOf(CachedImage.Encoded.class);
        assertThat(CacheContent.AUTO.choose(new byte[150], pixels))
                .as("compresses 2x: keep the bytes")
                .isInstanceOf(CachedImage.Encoded.class);
        assertThat(CacheContent.AUTO.choose(new byte[151], pixels))
                .as("compresses less than 2x: keep the pixels")
                .isInstanceOf(CachedImage.Pixels.class);
    }
}
