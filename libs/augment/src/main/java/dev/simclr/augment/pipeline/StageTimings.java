package dev.simclr.augment.pipeline;

/**
 * Time spent in each stage of one {@link ImagePipeline#process} call, in nanoseconds; a stage that did not run (a cache
 * hit skips fetch and decode, a failure skips what follows it) has 0.
 *
 * @param fetchNanos fetching the bytes
 * @param decodeNanos decoding them
 * @param augmentNanos drawing both views
 * @param cacheHit whether the decoded image came from the cache
 */
public record StageTimings(long fetchNanos, long decodeNanos, long augmentNanos, boolean cacheHit) {

    /** No stage ran. */
    public static final StageTimings NONE = new StageTimings(0, 0, 0, false);
}
