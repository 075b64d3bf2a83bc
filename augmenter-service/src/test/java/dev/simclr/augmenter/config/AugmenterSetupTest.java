package dev.simclr.augmenter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.augment.PolicyConfig;
import dev.simclr.augment.cache.CacheContent;
import dev.simclr.augment.cache.ImageCache;
import dev.simclr.augment.fetch.FetchException;
import dev.simclr.augment.fetch.Fetchers;
import dev.simclr.augment.resize.ResizeMode;
import dev.simclr.augmenter.loop.LoopTuning;
import dev.simclr.augmenter.testing.AugmenterConfigs;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AugmenterSetupTest {

    @TempDir
    Path tmp;

    /** The setup of {@code keys} (without the prefix) and the defaults. */
    private static AugmenterSetup setup(Map<String, String> keys) {
        return AugmenterConfigs.setup(keys);
    }

    /** A policy of {@code size}, {@code channels} and {@code fit}, its other keys off their defaults. */
    private static Map<String, String> policy(int size, int channels, String fit) {
        return Map.of(
                "policy.output-size",
                Integer.toString(size),
                "policy.output-channels",
                Integer.toString(channels),
                "policy.fit",
                fit,
                "policy.crop-scale-min",
                "0.2",
                "policy.jitter-strength",
                "0.3",
                "policy.grayscale-prob",
                "0.1",
                "policy.blur",
                "on",
                "policy.blur-prob",
                "0.25");
    }

    @Test
    void namesDeriveFromTheRunId() {
        AugmenterSetup s = setup(Map.of("run-id", "r7", "epochs", "3", "instance-id", "pod-1"));
        LoopTuning t = LoopTuning.DEFAULTS;
        assertThat(s.groupId(0)).isEqualTo("simclr-augmenter.r7.e0");
        assertThat(s.groupId(2)).isEqualTo("simclr-augmenter.r7.e2");
        assertThat(s.transactionalId()).isEqualTo("simclr-augmenter.r7-pod-1");
        assertThat(s.trainerGroup()).isEqualTo("simclr-trainer.r7");
        assertThat(t.imagesTopic()).isEqualTo("simclr.images");
        assertThat(t.viewsTopic()).isEqualTo("simclr.views");
        assertThat(t.dlqTopic()).isEqualTo("simclr.images.dlq");
        assertThat(s.config().maxPollRecords()).isEqualTo(64);
        assertThat(s.config().maxViewsLag()).isEqualTo(20_000);
    }

    @Test
    void overridesWin() {
        AugmenterSetup s = setup(Map.of(
                "run-id",
                "r7",
                "epochs",
                "1",
                "group-prefix",
                "g",
                "transactional-id-prefix",
                "tx",
                "trainer-group",
                "t",
                "instance-id",
                "i"));
        assertThat(s.groupId(1)).isEqualTo("g.e1");
        assertThat(s.transactionalId()).isEqualTo("tx-i");
        assertThat(s.trainerGroup()).isEqualTo("t");
    }

    @Test
    void refusesBadValues() {
        assertThatThrownBy(() -> setup(Map.of("run-id", "r", "epochs", "0")))
                .hasMessageContaining("epochs must be >= 1");
        assertThatThrownBy(() -> setup(Map.of("run-id", " ", "epochs", "1")))
                .hasMessageContaining("run id is required");
        assertThatThrownBy(() -> setup(Map.of("run-id", "r", "epochs", "1", "instance-id", "has space")))
                .hasMessageContaining("instance id");
        assertThat(AugmenterSetup.defaultInstanceId()).matches("[A-Za-z0-9._-]{1,100}");
    }

    @Test
    void schemesFollowTheConfiguration() {
        Fetchers none = setup(Map.of()).fetchers(null);
        assertThat(none.schemes()).isEmpty();
        assertThatThrownBy(() -> none.fetch(URI.create("s3://bucket/a.png"), 10))
                .isInstanceOf(FetchException.class)
                .extracting(e -> ((FetchException) e).kind())
                .isEqualTo(FetchException.Kind.UNSUPPORTED_SCHEME);
        Fetchers files = setup(Map.of(
                        "fetch.file-roots",
                        tmp.toString(),
                        "fetch.http-enabled",
                        "true",
                        "fetch.http-allowed-hosts",
                        "images.example.com"))
                .fetchers(null);
        assertThat(files.schemes()).containsExactly("file", "http", "https");
    }

    @Test
    void configurationMistakesNameTheKey() {
        assertThatThrownBy(() -> setup(Map.of("fetch.http-enabled", "true")))
                .hasMessageContaining("simclr.augmenter.fetch.http-allowed-hosts");
        assertThatThrownBy(() ->
                        setup(Map.of("fetch.file-roots", tmp.resolve("nope").toString())))
                .hasMessageStartingWith("simclr.augmenter.fetch.file-roots: ");
        assertThatThrownBy(() -> setup(policy(32, 2, "pad")))
                .hasMessage("simclr.augmenter.policy: output channels must be 1 or 3, got 2");
        assertThatThrownBy(() -> setup(policy(32, 1, "stretch")))
                .hasMessage("simclr.augmenter.policy: unknown fit 'stretch': expected pad, resize or center-crop");
    }

    @Test
    void policyCarriesEveryKey() {
        PolicyConfig p = setup(policy(48, 3, "center-crop")).policy();
        assertThat(p.outputSize()).isEqualTo(48);
        assertThat(p.fit()).isEqualTo(ResizeMode.CENTER_CROP);
        assertThat(p.outputChannels()).isEqualTo(3);
        assertThat(p.cropScaleMin()).isEqualTo(0.2);
        assertThat(p.brightness()).isEqualTo(0.8 * 0.3, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(p.grayscaleProbability()).isEqualTo(0.1);
        assertThat(p.blur()).isTrue();
        assertThat(p.blurProbability()).isEqualTo(0.25);
    }

    @Test
    void theCacheAndTheExcludedSplitsFollowTheirKeys() {
        AugmenterSetup defaults = setup(Map.of());
        ImageCache cache = defaults.cache();
        assertThat(cache.maxBytes()).isEqualTo(256L << 20);
        assertThat(cache.content()).isEqualTo(CacheContent.AUTO);
        assertThat(defaults.excludedSplits()).containsExactly("test");

        AugmenterSetup set =
                setup(Map.of("cache-bytes", "1G", "cache-content", "encoded", "exclude-splits", "test, val"));
        assertThat(set.cache().maxBytes()).isEqualTo(1L << 30);
        assertThat(set.cache().content()).isEqualTo(CacheContent.ENCODED);
        assertThat(set.excludedSplits()).containsExactly("test", "val");
        assertThat(set.pipeline(null).excludedSplits()).containsExactlyInAnyOrder("test", "val");

        assertThat(setup(Map.of("exclude-splits", "none")).excludedSplits()).isEmpty();
        assertThat(setup(Map.of("cache-bytes", "0")).cache().maxBytes()).isZero();
        assertThatThrownBy(() -> setup(Map.of("exclude-splits", "none,test")))
                .hasMessageStartingWith("simclr.augmenter.exclude-splits: 'none' cannot be combined");
    }
}
