package dev.simclr.augment.cache;

/**
 * Images by URI, bounded by the bytes they are charged ({@link #sizeOf}), with hit/miss/eviction counters.
 * Implementations are thread-safe; cached values are shared and must be treated as read-only.
 */
public interface ImageCache {

    /** Bytes charged per entry on top of its payload and key (map entry, policy node, record and array headers). */
    int ENTRY_OVERHEAD_BYTES = 128;

    /** What this cache keeps of the images offered to it ({@link CacheContent#choose}). */
    CacheContent content();

    /** The cached image of {@code uri} (counted as a hit), or null (counted as a miss). */
    CachedImage get(String uri);

    /**
     * Offers {@code image} for {@code uri}. The cache may decline it (larger than the whole budget, or not admitted by
     * the policy); it evicts what it must to stay within {@link #maxBytes()}.
     */
    void put(String uri, CachedImage image);

    /** Lookups answered from the cache. */
    long hits();

    /** Lookups that found nothing. */
    long misses();

    /** Entries dropped to stay within the budget (including new entries the admission policy declined). */
    long evictions();

    /** Bytes currently charged. */
    long bytes();

    /** Number of cached entries. */
    long size();

    /** The budget in bytes (0 = the cache holds nothing). */
    long maxBytes();

    /** Hits over lookups, 0 before the first lookup. */
    default double hitRate() {
        long h = hits();
        long n = h + misses();
        return n == 0 ? 0 : (double) h / n;
    }

    /** The bytes an entry is charged: its payload, the key's characters and {@value #ENTRY_OVERHEAD_BYTES}. */
    static long sizeOf(String uri, CachedImage image) {
        return image.payloadBytes() + 2L * uri.length() + ENTRY_OVERHEAD_BYTES;
    }
}
