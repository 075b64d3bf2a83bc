package dev.simclr.augment.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Policy;

/**
 * The augmenter's image cache: Caffeine's W-TinyLFU policy bounded by bytes. An epoch replays the images in the same
 * order, so an LRU smaller than the dataset evicts every image just before its next use and never hits. W-TinyLFU
 * admits a new image only when its frequency sketch says the image is used more often than the entry it would displace;
 * under cyclic access every image has the same frequency, so the cache mostly keeps what it holds (a stable subset) and
 * from the second epoch on the hit rate approaches budget / dataset size (0.9 of it measured with thousands of entries,
 * less with a few dozen; docs/benchmarks.md, "Epoch cache").
 *
 * <p>Maintenance (eviction, admission) runs on the calling thread ({@code executor(Runnable::run)}), so after a
 * {@link #put} returns on an uncontended cache the charged bytes are within the budget; with concurrent writers the
 * bound holds again once the writer holding the maintenance lock has drained the others' writes. Entries larger than
 * the whole budget are never stored; a budget of 0 stores nothing (every lookup is a miss).
 */
public final class EpochCache implements ImageCache {

    private final long maxBytes;
    private final CacheContent content;
    private final Cache<String, CachedImage> cache;
    private final Policy.Eviction<String, CachedImage> eviction;

    private EpochCache(long maxBytes, CacheContent content) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("cache budget must be >= 0 bytes, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.content = content;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String uri, CachedImage image) ->
                        (int) Math.min(Integer.MAX_VALUE, ImageCache.sizeOf(uri, image)))
                .executor(Runnable::run)
                .recordStats()
                .build();
        this.eviction = cache.policy().eviction().orElseThrow();
    }

    /** A cache of at most {@code maxBytes} keeping {@code content} of each image. */
    public static EpochCache of(long maxBytes, CacheContent content) {
        return new EpochCache(maxBytes, content);
    }

    @Override
    public CacheContent content() {
        return content;
    }

    @Override
    public CachedImage get(String uri) {
        return cache.getIfPresent(uri);
    }

    @Override
    public void put(String uri, CachedImage image) {
        long size = ImageCache.sizeOf(uri, image);
        if (size > maxBytes || size > Integer.MAX_VALUE) {
            return;
        }
        cache.put(uri, image);
    }

    @Override
    public long hits() {
        return cache.stats().hitCount();
    }

    @Override
    public long misses() {
        return cache.stats().missCount();
    }

    @Override
    public long evictions() {
        return cache.stats().evictionCount();
    }

    @Override
    public long bytes() {
        return eviction.weightedSize().orElse(0);
    }

    @Override
    public long size() {
        return cache.estimatedSize();
    }

    @Override
    public long maxBytes() {
        return maxBytes;
    }

    /** Whether {@code uri} is cached (not counted as a lookup, does not touch the policy). */
    public boolean contains(String uri) {
        return cache.asMap().containsKey(uri);
    }
}
