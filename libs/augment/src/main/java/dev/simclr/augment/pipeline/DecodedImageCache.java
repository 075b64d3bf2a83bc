package dev.simclr.augment.pipeline;

import dev.simclr.augment.DecodedImage;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Decoded images by URI, least recently used evicted first, bounded by the bytes they hold (pixels plus a
 * fixed per-entry overhead), so later epochs decode from memory instead of fetching again. An image larger
 * than the whole budget is not cached; a budget of 0 disables the cache. Thread-safe (one lock; the cached
 * pixel arrays are shared and must be treated as read-only, which {@link dev.simclr.augment.SimClrPolicy}
 * does).
 */
public final class DecodedImageCache {

    /** Default budget: 256 MiB. */
    public static final long DEFAULT_MAX_BYTES = 256L << 20;
    /** Bytes charged per entry on top of the pixels and the key (map entry, record, array headers). */
    public static final int ENTRY_OVERHEAD_BYTES = 128;

    private final long maxBytes;
    private final LinkedHashMap<String, DecodedImage> entries = new LinkedHashMap<>(64, 0.75f, true);
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder evictions = new LongAdder();
    private long bytes;

    /** A cache holding at most {@code maxBytes} (0 = disabled). */
    public DecodedImageCache(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("cache budget must be >= 0 bytes, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** The bytes an entry is charged: pixels, the key's characters and {@value #ENTRY_OVERHEAD_BYTES}. */
    public static long sizeOf(String uri, DecodedImage image) {
        return (long) image.pixels().length + 2L * uri.length() + ENTRY_OVERHEAD_BYTES;
    }

    /** The cached image of {@code uri} (counted as a hit), or null (counted as a miss). */
    public DecodedImage get(String uri) {
        DecodedImage image;
        synchronized (this) {
            image = entries.get(uri);
        }
        (image == null ? misses : hits).increment();
        return image;
    }

    /** Caches {@code image} under {@code uri}, evicting least recently used entries to stay within budget. */
    public void put(String uri, DecodedImage image) {
        long size = sizeOf(uri, image);
        if (size > maxBytes) {
            return;
        }
        synchronized (this) {
            DecodedImage old = entries.put(uri, image);
            bytes += size - (old == null ? 0 : sizeOf(uri, old));
            Iterator<Map.Entry<String, DecodedImage>> it = entries.entrySet().iterator();
            while (bytes > maxBytes && it.hasNext()) {
                Map.Entry<String, DecodedImage> eldest = it.next();
                if (eldest.getKey().equals(uri)) {
                    continue;
                }
                bytes -= sizeOf(eldest.getKey(), eldest.getValue());
                it.remove();
                evictions.increment();
            }
        }
    }

    /** Whether {@code uri} is cached (does not count as a hit or miss, does not refresh recency). */
    public synchronized boolean contains(String uri) {
        return entries.containsKey(uri);
    }

    /** Lookups answered from the cache. */
    public long hits() {
        return hits.sum();
    }

    /** Lookups that found nothing. */
    public long misses() {
        return misses.sum();
    }

    /** Entries dropped to stay within the budget. */
    public long evictions() {
        return evictions.sum();
    }

    /** Bytes currently charged. */
    public synchronized long bytes() {
        return bytes;
    }

    /** Number of cached images. */
    public synchronized int size() {
        return entries.size();
    }

    /** The budget in bytes. */
    public long maxBytes() {
        return maxBytes;
    }
}
