package dev.simclr.augmenter.loop;

import dev.simclr.augment.cache.ImageCache;
import dev.simclr.augment.pipeline.StageTimings;
import dev.simclr.contracts.DeadLetter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The augmenter's meters (Prometheus names in brackets): records committed in {@code simclr.augmenter.images.in}
 * [{@code simclr_augmenter_images_in_total}], {@code .pairs.out}, {@code .dead.letters} by {@code reason} code,
 * {@code .tombstones}, {@code .split.excluded} by {@code split} (refs of an excluded split, skipped),
 * {@code .store.unavailable} (records deferred because the store was down), {@code .transactions} by {@code result}
 * (committed/aborted); timers {@code .fetch}, {@code .decode}, {@code .augment}, {@code .commit}; cache
 * {@code .cache.hits}, {@code .cache.misses}, {@code .cache.evictions} and gauges {@code .cache.bytes},
 * {@code .cache.max.bytes}, {@code .cache.entries}; gauges {@code .epoch}, {@code .paused}, {@code .in.flight},
 * {@code .views.lag}, {@code .epoch.done}, {@code .epoch.total}. Counters of outcomes count only once their transaction
 * committed; the cache counters count lookups as they happen.
 */
public final class AugmenterMetrics {

    static final String PREFIX = "simclr.augmenter.";

    private final Counter imagesIn;
    private final Counter pairsOut;
    private final Counter tombstones;
    private final Counter unavailable;
    private final Counter committed;
    private final Counter aborted;
    private final Map<DeadLetter.Reason, Counter> deadLetters = new EnumMap<>(DeadLetter.Reason.class);
    private final Map<String, Counter> excluded = new ConcurrentHashMap<>();
    private final MeterRegistry registry;
    private final ImageCache cache;
    private final Timer fetch;
    private final Timer decode;
    private final Timer augment;
    private final Timer commit;

    /**
     * Registers every meter on {@code registry}, gauges reading {@code status} and {@code cache}, a counter per split
     * of {@code excludedSplits}.
     */
    public AugmenterMetrics(MeterRegistry registry, LoopStatus status, ImageCache cache, Set<String> excludedSplits) {
        this.registry = registry;
        this.cache = cache;
        imagesIn = Counter.builder(PREFIX + "images.in")
                .description("records of the images topic processed and committed")
                .register(registry);
        pairsOut = Counter.builder(PREFIX + "pairs.out")
                .description("view pairs committed to the views topic")
                .register(registry);
        tombstones = Counter.builder(PREFIX + "tombstones")
                .description("null-value records skipped")
                .register(registry);
        unavailable = Counter.builder(PREFIX + "store.unavailable")
                .description("records deferred because the object store was unavailable")
                .register(registry);
        committed = Counter.builder(PREFIX + "transactions")
                .tag("result", "committed")
                .register(registry);
        aborted = Counter.builder(PREFIX + "transactions")
                .tag("result", "aborted")
                .register(registry);
        for (DeadLetter.Reason r : DeadLetter.Reason.values()) {
            deadLetters.put(
                    r,
                    Counter.builder(PREFIX + "dead.letters")
                            .tag("reason", r.code())
                            .description("records sent to the dead-letter topic")
                            .register(registry));
        }
        fetch = Timer.builder(PREFIX + "fetch")
                .description("fetching image bytes")
                .register(registry);
        decode = Timer.builder(PREFIX + "decode").description("decoding images").register(registry);
        augment = Timer.builder(PREFIX + "augment")
                .description("drawing one view pair")
                .register(registry);
        commit = Timer.builder(PREFIX + "commit")
                .description("sending a batch and committing its transaction")
                .register(registry);
        excludedSplits.forEach(this::excludedCounter);
        FunctionCounter.builder(PREFIX + "cache.hits", cache, ImageCache::hits)
                .description("image cache lookups that hit")
                .register(registry);
        FunctionCounter.builder(PREFIX + "cache.misses", cache, ImageCache::misses)
                .description("image cache lookups that missed (the image was fetched)")
                .register(registry);
        FunctionCounter.builder(PREFIX + "cache.evictions", cache, ImageCache::evictions)
                .description("images dropped or not admitted to stay within the budget")
                .register(registry);
        Gauge.builder(PREFIX + "cache.bytes", cache, ImageCache::bytes)
                .baseUnit("bytes")
                .description("bytes held by the image cache")
                .register(registry);
        Gauge.builder(PREFIX + "cache.max.bytes", cache, ImageCache::maxBytes)
                .baseUnit("bytes")
                .description("the image cache's budget")
                .register(registry);
        Gauge.builder(PREFIX + "cache.entries", cache, ImageCache::size)
                .description("images in the cache")
                .register(registry);
        Gauge.builder(PREFIX + "epoch", status, LoopStatus::epoch)
                .description("current epoch")
                .register(registry);
        Gauge.builder(PREFIX + "paused", status, s -> s.paused() ? 1 : 0)
                .description("1 while partitions are paused")
                .register(registry);
        Gauge.builder(PREFIX + "in.flight", status, LoopStatus::inFlight)
                .description("records being processed")
                .register(registry);
        Gauge.builder(PREFIX + "views.lag", status, LoopStatus::viewsLag)
                .description("trainer lag on the views topic")
                .register(registry);
        Gauge.builder(PREFIX + "epoch.done", status, LoopStatus::epochDone).register(registry);
        Gauge.builder(PREFIX + "epoch.total", status, LoopStatus::epochTotal).register(registry);
    }

    /** Records the stage latencies of one processed record. */
    void stages(StageTimings t) {
        if (t.fetchNanos() > 0) {
            fetch.record(t.fetchNanos(), TimeUnit.NANOSECONDS);
        }
        if (t.decodeNanos() > 0) {
            decode.record(t.decodeNanos(), TimeUnit.NANOSECONDS);
        }
        if (t.augmentNanos() > 0) {
            augment.record(t.augmentNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** Counts a committed batch. */
    void committed(PollOutcome b, long commitNanos) {
        committed.increment();
        commit.record(commitNanos, TimeUnit.NANOSECONDS);
        imagesIn.increment(b.consumed());
        pairsOut.increment(b.pairs());
        tombstones.increment(b.skipped());
        b.excluded().forEach((split, n) -> excludedCounter(split).increment(n));
        b.deadLetters().forEach((reason, n) -> deadLetters.get(reason).increment(n));
    }

    /** Counts an aborted transaction. */
    void aborted() {
        aborted.increment();
    }

    /** Counts records deferred because the store was unavailable. */
    void unavailable(int records) {
        unavailable.increment(records);
    }

    private Counter excludedCounter(String split) {
        return excluded.computeIfAbsent(
                split,
                s -> Counter.builder(PREFIX + "split.excluded")
                        .tag("split", s)
                        .description("refs of an excluded split, committed without output")
                        .register(registry));
    }

    /** The counts the progress log reports: dead letters and excluded refs committed, cache hits and misses. */
    ProgressLog.Counts progressCounts() {
        long skippedRefs =
                (long) excluded.values().stream().mapToDouble(Counter::count).sum();
        return new ProgressLog.Counts(deadLetterTotal(), skippedRefs, cache.hits(), cache.misses());
    }

    /** Dead letters committed so far, all reasons. */
    long deadLetterTotal() {
        return (long) deadLetters.values().stream().mapToDouble(Counter::count).sum();
    }

    /** View pairs committed so far. */
    long pairsTotal() {
        return (long) pairsOut.count();
    }
}
