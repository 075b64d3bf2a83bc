package dev.simclr.augment.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.augment.DecodedImage;
import org.junit.jupiter.api.Test;

/** The LRU baseline keeps its old behaviour (the bench compares against it). */
class LruCacheTest {

    private static CachedImage img(int side) {
        return new CachedImage.Pixels(new DecodedImage(side, side, 1, new byte[side * side]));
    }

    private static long cost(String uri, int side) {
        return ImageCache.sizeOf(uri, img(side));
    }

    @Test
    void chargesPayloadKeyAndOverhead() {
        assertThat(ImageCache.sizeOf("ab", new CachedImage.Pixels(new DecodedImage(10, 5, 3, new byte[150]))))
                .isEqualTo(150 + 4 + ImageCache.ENTRY_OVERHEAD_BYTES);
        assertThat(ImageCache.sizeOf("ab", new CachedImage.Encoded(new byte[70])))
                .isEqualTo(70 + 4 + ImageCache.ENTRY_OVERHEAD_BYTES);
    }

    @Test
    void evictsLeastRecentlyUsedUntilWithinTheByteBudget() {
        long budget = cost("a", 100) * 3;
        LruCache cache = LruCache.of(budget, CacheContent.DECODED);
        cache.put("a", img(100));
        cache.put("b", img(100));
        cache.put("c", img(100));
        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.bytes()).isEqualTo(budget);
        assertThat(cache.get("a")).isNotNull(); // a is now the most recently used
        cache.put("d", img(100));
        assertThat(cache.contains("b")).isFalse();
        assertThat(cache.contains("a")).isTrue();
        assertThat(cache.contains("c")).isTrue();
        assertThat(cache.contains("d")).isTrue();
        assertThat(cache.evictions()).isEqualTo(1);
        // one big image (2.2 small ones) pushes out as many small ones as needed, oldest first
        cache.put("big", img(150));
        assertThat(cache.bytes()).isLessThanOrEqualTo(budget);
        assertThat(cache.contains("big")).isTrue();
        assertThat(cache.contains("c")).isFalse();
        assertThat(cache.contains("a")).isFalse();
        assertThat(cache.contains("d")).isFalse();
        assertThat(cache.bytes()).isEqualTo(cost("big", 150));
        assertThat(cache.evictions()).isEqualTo(4);
        cache.put("e", img(50));
        assertThat(cache.contains("big")).isTrue();
        assertThat(cache.bytes()).isEqualTo(cost("big", 150) + cost("e", 50));
    }

    @Test
    void imagesLargerThanTheBudgetAreNotCachedAndDoNotEvict() {
        LruCache cache = LruCache.of(cost("a", 50) + 10, CacheContent.DECODED);
        cache.put("a", img(50));
        cache.put("huge", img(60));
        assertThat(cache.contains("huge")).isFalse();
        assertThat(cache.contains("a")).isTrue();
    }

    @Test
    void replacingAnEntryRechargesItsSize() {
        LruCache cache = LruCache.of(1 << 20, CacheContent.DECODED);
        cache.put("a", img(10));
        cache.put("a", img(20));
        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.bytes()).isEqualTo(cost("a", 20));
    }

    @Test
    void countsHitsAndMisses() {
        LruCache cache = LruCache.of(1 << 20, CacheContent.DECODED);
        assertThat(cache.get("a")).isNull();
        cache.put("a", img(4));
        assertThat(cache.get("a")).isEqualTo(img(4));
        assertThat(cache.get("a")).isNotNull();
        assertThat(cache.hits()).isEqualTo(2);
        assertThat(cache.misses()).isEqualTo(1);
    }

    @Test
    void zeroBudgetDisablesAndNegativeIsRefused() {
        LruCache off = LruCache.of(0, CacheContent.DECODED);
        off.put("a", img(1));
        assertThat(off.size()).isZero();
        assertThatThrownBy(() -> LruCache.of(-1, CacheContent.DECODED)).hasMessageContaining(">= 0");
    }
}
