/**
 * Byte-bounded image caches by URI: the epoch cache (W-TinyLFU, decoded pixels or encoded bytes) and the LRU baseline.
 */
package dev.simclr.augment.cache;
