package dev.simclr.augmenter.config;

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
import dev.simclr.contracts.KafkaAccess;
import dev.simclr.kafka.KafkaSettings;
import dev.simclr.objectstore.ObjectStore;
import dev.simclr.objectstore.ObjectStoreConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The one place where the augmenter's configuration is checked and what it implies is computed: the mappings
 * {@link AugmenterConfig} ({@code simclr.augmenter.*}) and {@link S3Config} ({@code simclr.s3.*}) and the
 * {@code kafka.*} client settings go in; out come the SimCLR policy, the excluded splits, the file and http(s)
 * fetchers, the object-store configuration, and the derived defaults of the optional keys (group and transactional-id
 * prefixes, instance id, trainer group, workers). Every plain value is read from {@link #config()}; every default is
 * the mapping's {@code @WithDefault}, except the derived ones computed here. A configuration mistake is an
 * {@link IllegalArgumentException} that names the key.
 */
public final class AugmenterSetup {

    private static final String P = "simclr.augmenter.";
    private static final String INSTANCE_ID = "[A-Za-z0-9._-]{1,100}";

    private final AugmenterConfig config;
    private final KafkaSettings kafka;
    private final ObjectStoreConfig objectStore;
    private final PolicyConfig policy;
    private final List<String> excludedSplits;
    private final FileFetcher files;
    private final HttpFetcher http;
    private final String groupPrefix;
    private final String transactionalIdPrefix;
    private final String instanceId;
    private final String trainerGroup;
    private final int workers;

    private AugmenterSetup(AugmenterConfig c, S3Config s3, KafkaSettings kafka) {
        this.config = c;
        if (kafka == null) {
            throw new IllegalArgumentException("Kafka settings are required");
        }
        require(kafka.bootstrapServers(), "kafka.bootstrap.servers", "bootstrap servers");
        this.kafka = kafka;
        this.objectStore = objectStore(s3);
        this.policy = policy(c.policy());
        this.excludedSplits = excludedSplits(c.excludeSplits());
        this.files = files(c.fetch());
        this.http = http(c.fetch());
        require(c.runId(), P + "run-id", "run id");
        if (c.epochs() < 1) {
            throw new IllegalArgumentException(P + "epochs: epochs must be >= 1, got " + c.epochs());
        }
        this.groupPrefix = orDerived(c.groupPrefix(), KafkaAccess.augmenterPrefix(c.runId()));
        this.transactionalIdPrefix = orDerived(c.transactionalIdPrefix(), KafkaAccess.augmenterPrefix(c.runId()));
        this.trainerGroup = orDerived(c.trainerGroup(), KafkaAccess.trainerGroup(c.runId()));
        this.instanceId = c.instanceId().filter(s -> !s.isBlank()).orElseGet(AugmenterSetup::defaultInstanceId);
        this.workers = c.workers().orElseGet(() -> Runtime.getRuntime().availableProcessors());
        if (c.maxPollRecords() < 1 || workers < 1 || c.maxViewsLag() < 0) {
            throw new IllegalArgumentException(P + "max-poll-records, " + P + "workers, " + P + "max-views-lag: "
                    + "max poll records and workers must be >= 1 and max views lag >= 0, got " + c.maxPollRecords()
                    + ", " + workers + ", " + c.maxViewsLag());
        }
        if (!instanceId.matches(INSTANCE_ID)) {
            throw new IllegalArgumentException(P
                    + "instance-id: instance id must be 1-100 characters of [A-Za-z0-9._-], got '" + instanceId + "'");
        }
        positive(c.transactionTimeout(), "transaction-timeout");
        positive(c.progressInterval(), "progress-interval");
    }

    /**
     * Checks the configuration and computes what it implies.
     *
     * @param config the {@code simclr.augmenter.*} mapping
     * @param s3 the {@code simclr.s3.*} mapping
     * @param kafka the {@code kafka.*} client settings
     * @throws IllegalArgumentException naming the key, when a value is not acceptable
     */
    public static AugmenterSetup of(AugmenterConfig config, S3Config s3, KafkaSettings kafka) {
        return new AugmenterSetup(config, s3, kafka);
    }

    /** The mapping: every plain value. */
    public AugmenterConfig config() {
        return config;
    }

    /** The {@code kafka.*} client settings, applied to every Kafka client. */
    public KafkaSettings kafka() {
        return kafka;
    }

    /** The object store of {@code simclr.s3.*}, empty when no endpoint is configured. */
    public Optional<ObjectStoreConfig> objectStore() {
        return Optional.ofNullable(objectStore);
    }

    /** The SimCLR policy of {@code simclr.augmenter.policy.*}. */
    public PolicyConfig policy() {
        return policy;
    }

    /** The splits of {@code exclude-splits} ({@code none} alone means no split). */
    public List<String> excludedSplits() {
        return excludedSplits;
    }

    /**
     * Epoch {@code e} consumes as group {@code <groupPrefix>.e<e>} (default prefix {@code simclr-augmenter.<run-id>}).
     */
    public String groupPrefix() {
        return groupPrefix;
    }

    /** The consumer group of {@code epoch}. */
    public String groupId(int epoch) {
        return KafkaAccess.epochGroup(groupPrefix, epoch);
    }

    /** The producer's transactional.id, {@code <transactional-id-prefix>-<instance-id>}. */
    public String transactionalId() {
        return KafkaAccess.transactionalId(transactionalIdPrefix, instanceId);
    }

    /** This replica's id (default {@link #defaultInstanceId()}). */
    public String instanceId() {
        return instanceId;
    }

    /** The trainer's consumer group on the views topic (default {@code simclr-trainer.<run-id>}). */
    public String trainerGroup() {
        return trainerGroup;
    }

    /** Threads that fetch, decode and augment (default: available processors). */
    public int workers() {
        return workers;
    }

    /** The default instance id: {@code $HOSTNAME} when set and valid, else 8 random hex digits. */
    public static String defaultInstanceId() {
        String host = System.getenv("HOSTNAME");
        if (host != null && host.matches(INSTANCE_ID)) {
            return host;
        }
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** Fetchers by scheme: s3 (when a store is given), file (under the roots), http(s) (when enabled). */
    public Fetchers fetchers(ObjectStore store) {
        Fetchers.Builder b = Fetchers.builder();
        if (store != null) {
            b.opt("s3", S3Fetcher.of(store));
        }
        if (files != null) {
            b.optFiles(files);
        }
        if (http != null) {
            b.optHttp(http);
        }
        return b.build();
    }

    /** A new image cache of {@code cache-bytes} and {@code cache-content}. */
    public ImageCache cache() {
        return EpochCache.of(config.cacheBytes().asLongValue(), config.cacheContent());
    }

    /** The image pipeline, reading s3:// from {@code store} (none when null). */
    public ImagePipeline pipeline(ObjectStore store) {
        AugmenterConfig.Fetch f = config.fetch();
        ImageDecoder decoder = ImageDecoder.builder()
                .optMaxBytes(f.maxBytes().asLongValue())
                .optMaxPixels(f.maxPixels())
                .optTimeout(f.decodeTimeout())
                .build();
        return ImagePipeline.builder()
                .setFetcher(fetchers(store))
                .setDecoder(decoder)
                .setFactory(new ViewPairFactory(policy))
                .setRunSeed(config.seed())
                .optCache(cache())
                .optExcludedSplits(excludedSplits)
                .optMaxFetchBytes(f.maxBytes().asLongValue())
                .build();
    }

    private static ObjectStoreConfig objectStore(S3Config s3) {
        if (s3.endpoint().isEmpty()) {
            return null;
        }
        if (s3.accessKey().isEmpty() || s3.secretKey().isEmpty()) {
            throw new IllegalArgumentException(
                    "simclr.s3.endpoint is set but simclr.s3.access-key or simclr.s3.secret-key"
                            + " is missing (env SIMCLR_S3_ACCESS_KEY / SIMCLR_S3_SECRET_KEY)");
        }
        return ObjectStoreConfig.builder()
                .setEndpoint(s3.endpoint().get())
                .setAccessKey(s3.accessKey().get())
                .setSecretKey(s3.secretKey().get())
                .optRegion(s3.region())
                .build();
    }

    private static PolicyConfig policy(AugmenterConfig.Policy p) {
        try {
            PolicyConfigBuilder b = PolicyConfig.builder()
                    .setOutputSize(p.outputSize())
                    .setOutputChannels(p.outputChannels())
                    .optFit(ResizeMode.parse(p.fit()))
                    .optCropScale(p.cropScaleMin(), p.cropScaleMax())
                    .optCropRatio(p.cropRatioMin(), p.cropRatioMax())
                    .optFlipProbability(p.flipProb())
                    .optJitterProbability(p.jitterProb())
                    .optGrayscaleProbability(p.grayscaleProb())
                    .optBlur(p.blur())
                    .optBlurProbability(p.blurProb());
            p.jitterStrength().ifPresent(b::optJitterStrength);
            return b.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException(P + "policy: " + e.getMessage(), e);
        }
    }

    private static List<String> excludedSplits(List<String> keys) {
        List<String> splits =
                keys.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        boolean none = splits.stream().anyMatch(s -> s.toLowerCase(Locale.ROOT).equals("none"));
        if (none && splits.size() > 1) {
            throw new IllegalArgumentException(
                    P + "exclude-splits: 'none' cannot be combined with split names, got " + splits);
        }
        return none ? List.of() : splits;
    }

    private static FileFetcher files(AugmenterConfig.Fetch f) {
        List<String> roots = f.fileRoots().orElse(List.of());
        if (roots.isEmpty()) {
            return null;
        }
        try {
            return FileFetcher.underRoots(roots.stream().map(Path::of).toList());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(P + "fetch.file-roots: " + e.getMessage(), e);
        }
    }

    private static HttpFetcher http(AugmenterConfig.Fetch f) {
        if (!f.httpEnabled()) {
            return null;
        }
        List<String> hosts = f.httpAllowedHosts().orElse(List.of());
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException(
                    P + "fetch.http-enabled=true needs " + P + "fetch.http-allowed-hosts (a host allowlist)");
        }
        return HttpFetcher.builder()
                .setAllowedHosts(hosts)
                .optConnectTimeout(f.httpConnectTimeout())
                .optTotalTimeout(f.httpTimeout())
                .build();
    }

    private static String orDerived(Optional<String> value, String derived) {
        return value.filter(s -> !s.isBlank()).orElse(derived);
    }

    private static void require(String value, String key, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + ": " + what + " is required");
        }
    }

    private static void positive(Duration d, String key) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(P + key + ": durations must be positive, got " + d);
        }
    }
}
