package dev.simclr.augmenter.config;

import dev.simclr.augment.PolicyConfig;
import dev.simclr.augment.cache.CacheContent;
import dev.simclr.augment.resize.ResizeMode;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** Every {@code simclr.augmenter.*} key (see docs/augmenter.md for the full table). */
@ConfigMapping(prefix = "simclr.augmenter")
public interface AugmenterConfig {

    /** Run id: names the epoch consumer groups, the transactional ids and (by default) the trainer group. */
    @WithDefault("default")
    String runId();

    /** Passes over simclr.images; epoch e consumes as group {@code <group-prefix>.e<e>}. */
    @WithDefault("100")
    int epochs();

    /** Run seed: the pair of image i in epoch e is drawn from {@code ViewSeeds.of(seed, i, e)}. */
    @WithDefault("42")
    long seed();

    /** Consumer group prefix (default {@code simclr-augmenter.<run-id>}). */
    Optional<String> groupPrefix();

    /**
     * This replica's id, unique among live replicas, stable across its restarts if possible (default $HOSTNAME, else
     * random).
     */
    Optional<String> instanceId();

    /**
     * Prefix of the producer's transactional.id {@code <prefix>-<instance-id>} (default
     * {@code simclr-augmenter.<run-id>}).
     */
    Optional<String> transactionalIdPrefix();

    /** Producer transaction.timeout.ms: the longest a crashed replica's open transaction can hold readers back. */
    @WithDefault("30s")
    Duration transactionTimeout();

    /** Threads that fetch, decode and augment (default: available processors). */
    OptionalInt workers();

    /** Records per poll and per transaction. */
    @WithDefault("64")
    int maxPollRecords();

    /** Pause while the trainer lags more than this many view pairs on simclr.views; 0 disables the gate. */
    @WithDefault("20000")
    long maxViewsLag();

    /** The trainer's consumer group on simclr.views (default {@code simclr-trainer.<run-id>}). */
    Optional<String> trainerGroup();

    /**
     * Budget of the image cache (W-TinyLFU by URI, charged the bytes it keeps), so later epochs do not fetch again; 0
     * disables it.
     */
    @WithDefault("256M")
    MemorySize cacheBytes();

    /**
     * What the cache keeps per image: {@code decoded} (pixels: a hit is free), {@code encoded} (the fetched bytes: a
     * hit costs a decode, the budget holds several times more images) or {@code auto} (the bytes of images that
     * compress at least 2x, such as JPEGs, the pixels of the rest).
     */
    @WithDefault("auto")
    CacheContent cacheContent();

    /**
     * ImageRefs whose split is one of these (ignoring case) are skipped: committed and counted, never augmented or
     * dead-lettered; {@code none} skips nothing.
     */
    @WithDefault("test")
    List<String> excludeSplits();

    /** Liveness fails when the loop thread made no progress (poll, finished record) for this long. */
    @WithDefault("5m")
    Duration livenessTimeout();

    /** How often progress (epoch, images done, rate, ETA) is logged. */
    @WithDefault("10s")
    Duration progressInterval();

    /** View shape and SimCLR policy. */
    Policy policy();

    /** Fetch and decode limits, file roots, http(s). */
    Fetch fetch();

    /** {@code simclr.augmenter.policy.*}. */
    interface Policy {

        /** View side in pixels, 1..1024. */
        @WithDefault("32")
        int outputSize();

        /** View channels: 1 (grey) or 3 (RGB). */
        @WithDefault("1")
        int outputChannels();

        /**
         * The canvas crops are drawn from: how an image is fitted to the square view (pad, resize or center-crop). Must
         * equal the trainer's simclr.trainer.model.fit, which the checkpoint records and evaluation and ONNX embedding
         * apply; the trainer dead-letters pairs made on another canvas.
         */
        @WithDefault(ResizeMode.DEFAULT_ID)
        String fit();

        /** Smallest crop area fraction. */
        @WithDefault("0.08")
        double cropScaleMin();

        /** Largest crop area fraction. */
        @WithDefault("1.0")
        double cropScaleMax();

        /** Smallest crop aspect ratio (width/height). */
        @WithDefault("0.75")
        double cropRatioMin();

        /** Largest crop aspect ratio. */
        @WithDefault("1.3333333333333333")
        double cropRatioMax();

        /** Horizontal flip probability. */
        @WithDefault("0.5")
        double flipProb();

        /**
         * Colour jitter strength s (brightness/contrast/saturation 0.8·s, hue 0.2·s); default 0.5 for views ≤ 64 px,
         * else 1.0.
         */
        OptionalDouble jitterStrength();

        /** Colour jitter probability. */
        @WithDefault("0.8")
        double jitterProb();

        /** Random grayscale probability. */
        @WithDefault("0.2")
        double grayscaleProb();

        /** Gaussian blur: on, off or auto (auto = off for views ≤ 64 px). */
        @WithDefault("auto")
        PolicyConfig.BlurMode blur();

        /** Gaussian blur probability when blur is on. */
        @WithDefault("0.5")
        double blurProb();
    }

    /** {@code simclr.augmenter.fetch.*}. */
    interface Fetch {

        /** Largest image object fetched and decoded. */
        @WithDefault("32M")
        MemorySize maxBytes();

        /** Pixel budget (width × height from the header, checked before decoding). */
        @WithDefault("89478485")
        long maxPixels();

        /** Per-image decode time limit. */
        @WithDefault("10s")
        Duration decodeTimeout();

        /** Directories file:// URIs may be read from; none = file:// refused. */
        Optional<List<String>> fileRoots();

        /** Enables http(s):// fetching (then http-allowed-hosts is required). */
        @WithDefault("false")
        boolean httpEnabled();

        /** http(s) host allowlist: exact names or {@code *.example.com}. */
        Optional<List<String>> httpAllowedHosts();

        /** http(s) connect time limit. */
        @WithDefault("5s")
        Duration httpConnectTimeout();

        /** http(s) limit for the whole request. */
        @WithDefault("30s")
        Duration httpTimeout();
    }
}
