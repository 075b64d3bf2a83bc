package dev.simclr.augment.pipeline;

import dev.simclr.augment.DecodedImage;
import dev.simclr.augment.ViewPairFactory;
import dev.simclr.augment.ViewSeeds;
import dev.simclr.augment.cache.CacheContent;
import dev.simclr.augment.cache.CachedImage;
import dev.simclr.augment.cache.EpochCache;
import dev.simclr.augment.cache.ImageCache;
import dev.simclr.augment.decode.DecodeException;
import dev.simclr.augment.decode.ImageDecoder;
import dev.simclr.augment.fetch.FetchException;
import dev.simclr.augment.fetch.ImageFetcher;
import dev.simclr.contracts.ContractException;
import dev.simclr.contracts.DeadLetter.Reason;
import dev.simclr.contracts.ImageRef;
import dev.simclr.contracts.ViewPair;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One record of {@code simclr.images} in, one {@link Outcome} out: parse ({@code ImageRef.parse(value)
 * .withDefaultId(key)}), skip it when its split is excluded, look the URI up in the {@link ImageCache} (decoded pixels,
 * or encoded bytes that are decoded again), else fetch and decode (and cache), then draw the view pair with the seed
 * {@link ViewSeeds#of(long, String, int) ViewSeeds.of(runSeed, id, epoch)}. {@link #process} never throws: a null value
 * is {@link Outcome.Skipped}, a ref of an excluded split is {@link Outcome.Excluded}, a bad record is a
 * {@link Outcome.Dead dead letter} with a reason ({@link Failures}; parse errors are {@code unparseable}, anything
 * unexpected {@code internal}), and an unreachable store is {@link Outcome.Unavailable}. Thread-safe: call it from any
 * number of worker threads.
 *
 * <pre>{@code
 * ImagePipeline pipeline = ImagePipeline.builder()
 *         .setFetcher(Fetchers.builder().opt("s3", S3Fetcher.of(store)).build())
 *         .setDecoder(ImageDecoder.withDefaults())
 *         .setFactory(new ViewPairFactory(PolicyConfig.simclr(32, 1)))
 *         .setRunSeed(42)
 *         .build();
 * Outcome outcome = pipeline.process(record.key(), record.value(), epoch);
 * }</pre>
 */
public final class ImagePipeline {

    private final ImageFetcher fetcher;
    private final ImageDecoder decoder;
    private final ViewPairFactory factory;
    private final long runSeed;
    private final ImageCache cache;
    private final Set<String> excludedSplits;
    private final long maxFetchBytes;

    private ImagePipeline(Builder b) {
        this.fetcher = b.fetcher;
        this.decoder = b.decoder;
        this.factory = b.factory;
        this.runSeed = b.runSeed;
        this.cache = b.cache != null ? b.cache : EpochCache.of(0, CacheContent.DECODED);
        this.excludedSplits = b.excludedSplits;
        this.maxFetchBytes = b.maxFetchBytes > 0 ? b.maxFetchBytes : decoder.maxBytes();
    }

    /** A builder; fetcher, decoder, factory and run seed are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The image cache (for its counters); a cache of budget 0 when none was given. */
    public ImageCache cache() {
        return cache;
    }

    /** The splits whose refs are skipped, lower case. */
    public Set<String> excludedSplits() {
        return excludedSplits;
    }

    /** The view pair factory (for the output shape). */
    public ViewPairFactory factory() {
        return factory;
    }

    /** The run seed every pair seed is derived from. */
    public long runSeed() {
        return runSeed;
    }

    /**
     * Processes one record.
     *
     * @param key the record key (UTF-8 image id) or null
     * @param value the record value, null for a tombstone
     * @param epoch the epoch the pair is drawn for (≥ 0)
     * @return the outcome; never null, never throws
     */
    public Outcome process(byte[] key, byte[] value, int epoch) {
        Stages t = new Stages();
        try {
            if (value == null) {
                return new Outcome.Skipped("tombstone (null value): nothing to augment", t.done());
            }
            ImageRef ref;
            URI uri;
            try {
                ref = ImageRef.parse(value).withDefaultId(decodeKey(key));
                uri = toUri(ref.uri());
            } catch (ContractException e) {
                return dead(Reason.UNPARSEABLE, e.getMessage(), e, t);
            }
            String split = ref.split() == null ? null : ref.split().toLowerCase(Locale.ROOT);
            if (split != null && excludedSplits.contains(split)) {
                return new Outcome.Excluded(split, t.done());
            }
            DecodedImage image = image(ref.uri(), uri, t);
            String id = ref.effectiveId();
            long t2 = System.nanoTime();
            ViewPair pair = factory.create(image, id, epoch, ViewSeeds.of(runSeed, id, epoch));
            t.augment = System.nanoTime() - t2;
            return new Outcome.Pair(pair, t.done());
        } catch (FetchException e) {
            Reason reason = Failures.reasonOf(e.kind());
            if (reason == null) {
                return new Outcome.Unavailable(e.getMessage(), e, t.done());
            }
            return dead(reason, e.getMessage(), e, t);
        } catch (DecodeException e) {
            return dead(Failures.reasonOf(e.kind()), e.getMessage(), e, t);
        } catch (Throwable e) { // NOPMD: the contract is "never throws"; the reason names what happened
            String detail = e.getMessage() == null ? "" : ": " + e.getMessage();
            return dead(Reason.INTERNAL, "unexpected " + e.getClass().getSimpleName() + detail, e, t);
        }
    }

    /** The decoded image of {@code uri}: from the cache, or fetched (or cached encoded bytes) and decoded. */
    private DecodedImage image(String key, URI uri, Stages t) {
        CachedImage cached = cache.get(key);
        if (cached instanceof CachedImage.Pixels p) {
            t.cacheHit = true;
            return p.image();
        }
        byte[] bytes;
        if (cached instanceof CachedImage.Encoded e) {
            t.cacheHit = true;
            bytes = e.data();
        } else {
            long t0 = System.nanoTime();
            try {
                bytes = fetcher.fetch(uri, maxFetchBytes);
            } finally {
                t.fetch = System.nanoTime() - t0;
            }
        }
        long t1 = System.nanoTime();
        DecodedImage image;
        try {
            image = decoder.decode(bytes);
        } finally {
            t.decode = System.nanoTime() - t1;
        }
        if (!t.cacheHit) {
            cache.put(key, cache.content().choose(bytes, image));
        }
        return image;
    }

    private static Outcome.Dead dead(Reason reason, String message, Throwable failure, Stages t) {
        String m = message == null || message.isBlank() ? reason.code() : message;
        return new Outcome.Dead(reason, m, failure, t.done());
    }

    /** The key as strict UTF-8, or null. */
    static String decodeKey(byte[] key) {
        if (key == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(key))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ContractException("image ref: record key is not valid UTF-8");
        }
    }

    private static URI toUri(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new ContractException("image ref: uri is not a valid URI: " + e.getMessage(), e);
        }
    }

    /** Mutable per-call stage clock. */
    private static final class Stages {
        long fetch;
        long decode;
        long augment;
        boolean cacheHit;

        StageTimings done() {
            return new StageTimings(fetch, decode, augment, cacheHit);
        }
    }

    /** Builder: {@code setX} for required parts, {@code optX} for the rest. */
    public static final class Builder {
        private ImageFetcher fetcher;
        private ImageDecoder decoder;
        private ViewPairFactory factory;
        private Long runSeedSet;
        private long runSeed;
        private ImageCache cache;
        private Set<String> excludedSplits = Set.of();
        private long maxFetchBytes;

        private Builder() {}

        /** Required: fetches the bytes of each URI (usually a {@link dev.simclr.augment.fetch.Fetchers}). */
        public Builder setFetcher(ImageFetcher fetcher) {
            this.fetcher = fetcher;
            return this;
        }

        /** Required: decodes within budgets. */
        public Builder setDecoder(ImageDecoder decoder) {
            this.decoder = decoder;
            return this;
        }

        /** Required: draws the views. */
        public Builder setFactory(ViewPairFactory factory) {
            this.factory = factory;
            return this;
        }

        /** Required: the run seed pair seeds derive from. */
        public Builder setRunSeed(long runSeed) {
            this.runSeed = runSeed;
            this.runSeedSet = runSeed;
            return this;
        }

        /**
         * The image cache; it keeps the pixels or the encoded bytes per its {@link ImageCache#content()} (default:
         * none).
         */
        public Builder optCache(ImageCache cache) {
            this.cache = cache;
            return this;
        }

        /**
         * Refs whose {@code split} is one of these (ignoring case) become {@link Outcome.Excluded} without being
         * fetched (default: none).
         */
        public Builder optExcludedSplits(Collection<String> splits) {
            for (String s : splits) {
                if (s == null || s.isBlank()) {
                    throw new IllegalArgumentException("excluded split names must not be blank, got " + splits);
                }
            }
            this.excludedSplits = splits.stream()
                    .map(s -> s.strip().toLowerCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet());
            return this;
        }

        /** Largest object to fetch in bytes (default: the decoder's byte budget). */
        public Builder optMaxFetchBytes(long maxBytes) {
            if (maxBytes < 1) {
                throw new IllegalArgumentException("max fetch bytes must be >= 1, got " + maxBytes);
            }
            this.maxFetchBytes = maxBytes;
            return this;
        }

        /** The pipeline; fails naming the first missing required part. */
        public ImagePipeline build() {
            if (fetcher == null) {
                throw new IllegalStateException("a fetcher is required (setFetcher)");
            }
            if (decoder == null) {
                throw new IllegalStateException("a decoder is required (setDecoder)");
            }
            if (factory == null) {
                throw new IllegalStateException("a view pair factory is required (setFactory)");
            }
            if (runSeedSet == null) {
                throw new IllegalStateException("a run seed is required (setRunSeed)");
            }
            return new ImagePipeline(this);
        }
    }
}
