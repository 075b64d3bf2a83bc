package dev.simclr.augmenter.service;

import dev.simclr.augment.PolicyConfig;
import dev.simclr.augment.PolicyConfigBuilder;
import dev.simclr.augment.ViewPairFactory;
import dev.simclr.augment.cache.EpochCache;
import dev.simclr.augment.cache.ImageCache;
import dev.simclr.augment.decode.ImageDecoder;
import dev.simclr.augment.fetch.Fetchers;
import dev.simclr.augment.fetch.FileFetcher;
import dev.simclr.augment.fetch.HttpFetcher;
import dev.simclr.augment.fetch.S3Fetcher;
import dev.simclr.augment.pipeline.ImagePipeline;
import dev.simclr.augment.resize.ResizeMode;
import dev.simclr.augmenter.loop.LoopSettings;
import dev.simclr.kafka.KafkaSettings;
import dev.simclr.objectstore.ObjectStore;
import dev.simclr.objectstore.ObjectStoreConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Turns the typed configuration into the plain-Java pipeline and loop settings; config errors say which key. */
final class PipelineAssembly {

    private PipelineAssembly() {
    }

    /** The object store of {@code simclr.s3.*}, or null when no endpoint is configured. */
    static ObjectStore objectStore(S3Config s3) {
        if (s3.endpoint().isEmpty()) {
            return null;
        }
        if (s3.accessKey().isEmpty() || s3.secretKey().isEmpty()) {
            throw new IllegalArgumentException("simclr.s3.endpoint is set but simclr.s3.access-key or simclr.s3.secret-key"
                    + " is missing (env SIMCLR_S3_ACCESS_KEY / SIMCLR_S3_SECRET_KEY)");
        }
        return ObjectStore.connect(ObjectStoreConfig.builder().setEndpoint(s3.endpoint().get())
                .setAccessKey(s3.accessKey().get()).setSecretKey(s3.secretKey().get()).optRegion(s3.region()).build());
    }

    /** The SimCLR policy of {@code simclr.augmenter.policy.*}. */
    static PolicyConfig policy(AugmenterConfig.Policy p) {
        try {
            PolicyConfigBuilder b = PolicyConfig.builder().setOutputSize(p.outputSize()).setOutputChannels(p.outputChannels())
                    .optFit(ResizeMode.parse(p.fit()))
                    .optCropScale(p.cropScaleMin(), p.cropScaleMax()).optCropRatio(p.cropRatioMin(), p.cropRatioMax())
                    .optFlipProbability(p.flipProb()).optJitterProbability(p.jitterProb())
                    .optGrayscaleProbability(p.grayscaleProb()).optBlur(p.blur()).optBlurProbability(p.blurProb());
            p.jitterStrength().ifPresent(b::optJitterStrength);
            return b.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException("simclr.augmenter.policy: " + e.getMessage(), e);
        }
    }

    /** Fetchers by scheme: s3 (when a store is given), file (under the roots), http(s) (when enabled). */
    static Fetchers fetchers(AugmenterConfig.Fetch f, ObjectStore store) {
        Fetchers.Builder b = Fetchers.builder();
        if (store != null) {
            b.opt("s3", S3Fetcher.of(store));
        }
        List<String> roots = f.fileRoots().orElse(List.of());
        if (!roots.isEmpty()) {
            try {
                b.optFiles(FileFetcher.underRoots(roots.stream().map(Path::of).toList()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("simclr.augmenter.fetch.file-roots: " + e.getMessage(), e);
            }
        }
        if (f.httpEnabled()) {
            List<String> hosts = f.httpAllowedHosts().orElse(List.of());
            if (hosts.isEmpty()) {
                throw new IllegalArgumentException("simclr.augmenter.fetch.http-enabled=true needs "
                        + "simclr.augmenter.fetch.http-allowed-hosts (a host allowlist)");
            }
            b.optHttp(HttpFetcher.builder().setAllowedHosts(hosts).optConnectTimeout(f.httpConnectTimeout())
                    .optTotalTimeout(f.httpTimeout()).build());
        }
        return b.build();
    }

    /** The image cache of {@code cache-bytes} and {@code cache-content}. */
    static ImageCache cache(AugmenterConfig c) {
        return EpochCache.of(c.cacheBytes().asLongValue(), c.cacheContent());
    }

    /** The splits of {@code exclude-splits}; {@code none} alone means no split. */
    static List<String> excludedSplits(AugmenterConfig c) {
        List<String> splits = c.excludeSplits().stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        boolean none = splits.stream().anyMatch(s -> s.toLowerCase(Locale.ROOT).equals("none"));
        if (none && splits.size() > 1) {
            throw new IllegalArgumentException("simclr.augmenter.exclude-splits: 'none' cannot be combined with split names, got "
                    + splits);
        }
        return none ? List.of() : splits;
    }

    /** The image pipeline. */
    static ImagePipeline pipeline(AugmenterConfig c, ObjectStore store) {
        AugmenterConfig.Fetch f = c.fetch();
        ImageDecoder decoder = ImageDecoder.builder().optMaxBytes(f.maxBytes().asLongValue()).optMaxPixels(f.maxPixels())
                .optTimeout(f.decodeTimeout()).build();
        return ImagePipeline.builder()
                .setFetcher(fetchers(f, store))
                .setDecoder(decoder)
                .setFactory(new ViewPairFactory(policy(c.policy())))
                .setRunSeed(c.seed())
                .optCache(cache(c))
                .optExcludedSplits(excludedSplits(c))
                .optMaxFetchBytes(f.maxBytes().asLongValue())
                .build();
    }

    /** The loop settings, with the {@code kafka.*} client settings. */
    static LoopSettings settings(AugmenterConfig c, KafkaSettings kafka) {
        LoopSettings.Builder b = LoopSettings.builder().setKafka(kafka).setRunId(c.runId())
                .setEpochs(c.epochs()).optTransactionTimeout(c.transactionTimeout()).optMaxPollRecords(c.maxPollRecords())
                .optMaxViewsLag(c.maxViewsLag())
                .optIntervals(java.time.Duration.ofSeconds(1), c.progressInterval(), java.time.Duration.ofMillis(200));
        c.groupPrefix().ifPresent(b::optGroupPrefix);
        c.instanceId().ifPresent(b::optInstanceId);
        c.transactionalIdPrefix().ifPresent(b::optTransactionalIdPrefix);
        c.trainerGroup().ifPresent(b::optTrainerGroup);
        c.workers().ifPresent(b::optWorkers);
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("simclr.augmenter: " + e.getMessage(), e);
        }
    }
}
