package dev.simclr.augment.cache;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Least recently used evicted first, bounded by bytes: the augmenter's cache before {@link EpochCache}, kept as the
 * baseline {@code CacheBench} (bench module) measures against. Under cyclic access to more data than it holds it never
 * hits. An entry larger than the whole budget is not cached; a budget of 0 disables it. Thread-safe (one lock).
 */
public final class LruCache implements ImageCache {

    private final long maxBytes;
    private final CacheContent content;
    private final LinkedHashMap<String, CachedImage> entries = new LinkedHashMap<>(64, 0.75f, true);
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder evictions = new LongAdder();
    private long bytes;

    private LruCache(long maxBytes, CacheContent content) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("cache budget must be >= 0 bytes, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.content = content;
    }

    /** An LRU of at most {@code maxBytes} keeping {@code content} of each image. */
    public static LruCache of(long maxBytes, CacheContent content) {
        return new LruCache(maxBytes, content);
    }

    @Override
    public CacheContent content() {
        return content;
    }

    @Override
    public CachedImage get(String uri) {
        CachedImage image;
        synchronized (this) {
            image = entries.get(uri);
        }
        (image == null ? misses : hits).increment();
        return image;
    }

    @Override
    public void put(String uri, CachedImage image) {
        long size = ImageCache.sizeOf(uri, image);
        if (size > maxBytes) {
            return;
        }
        synchronized (this) {
            CachedImage old = entries.put(uri, image);
            bytes += size - (old == null ? 0 : ImageCache.sizeOf(uri, old));
            Iterator<Map.Entry<String, CachedImage>> it = entries.entrySet().iterator();
            while (bytes > maxBytes && it.hasNext()) {
                Map.Entry<String, CachedImage> eldest = it.next();
                if (eldest.getKey().equals(uri)) {
                    continue;
                }
                bytes -= ImageCache.sizeOf(eldest.getKey(), eldest.getValue());
                it.remove();
                evictions.increment();
            }
        }
    }

    /** Whether {@code uri} is cached (not counted as a lookup, does not refresh recency). */
    public synchronized boolean contains(String uri) {
        return entries.containsKey(uri);
    }

    @Override
    public long hits() {
        return hits.sum();
    }

    @Override
    public long misses() {
        return misses.sum();
    }

    @Override
    public long evictions() {
        return evictions.sum();
    }

    @Override
    public synchronized long bytes() {
        return bytes;
    }

    @Override
    public synchronized long size() {
        return entries.size();
    }

    @Override
    public long maxBytes() {
        return maxBytes;
    }
}
