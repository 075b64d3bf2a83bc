package dev.simclr.augmenter.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.augment.PolicyConfig;
import dev.simclr.augment.cache.CacheContent;
import dev.simclr.augment.cache.ImageCache;
import dev.simclr.augment.resize.ResizeMode;
import dev.simclr.augment.fetch.FetchException;
import dev.simclr.augment.fetch.Fetchers;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineAssemblyTest {

    @TempDir
    Path tmp;

    private record Fetch(Optional<List<String>> fileRoots, boolean httpEnabled, Optional<List<String>> httpAllowedHosts)
            implements AugmenterConfig.Fetch {
        @Override
        public MemorySize maxBytes() {
            return new MemorySize(BigInteger.valueOf(1 << 20));
        }

        @Override
        public long maxPixels() {
            return 1_000_000;
        }

        @Override
        public Duration decodeTimeout() {
            return Duration.ofSeconds(5);
        }

        @Override
        public Duration httpConnectTimeout() {
            return Duration.ofSeconds(1);
        }

        @Override
        public Duration httpTimeout() {
            return Duration.ofSeconds(2);
        }
    }

    private record Policy(int outputSize, int outputChannels, String fit) implements AugmenterConfig.Policy {
        Policy(int outputSize, int outputChannels) {
            this(outputSize, outputChannels, "pad");
        }

        @Override
        public double cropScaleMin() {
            return 0.2;
        }

        @Override
        public double cropScaleMax() {
            return 1.0;
        }

        @Override
        public double cropRatioMin() {
            return 0.75;
        }

        @Override
        public double cropRatioMax() {
            return 4.0 / 3;
        }

        @Override
        public double flipProb() {
            return 0.5;
        }

        @Override
        public OptionalDouble jitterStrength() {
            return OptionalDouble.of(0.3);
        }

        @Override
        public double jitterProb() {
            return 0.8;
        }

        @Override
        public double grayscaleProb() {
            return 0.1;
        }

        @Override
        public PolicyConfig.BlurMode blur() {
            return PolicyConfig.BlurMode.ON;
        }

        @Override
        public double blurProb() {
            return 0.25;
        }
    }

    @Test
    void schemesFollowTheConfiguration() {
        Fetchers none = PipelineAssembly.fetchers(new Fetch(Optional.empty(), false, Optional.empty()), null);
        assertThat(none.schemes()).isEmpty();
        assertThatThrownBy(() -> none.fetch(URI.create("s3://bucket/a.png"), 10)).isInstanceOf(FetchException.class)
                .extracting(e -> ((FetchException) e).kind()).isEqualTo(FetchException.Kind.UNSUPPORTED_SCHEME);
        Fetchers files = PipelineAssembly.fetchers(new Fetch(Optional.of(List.of(tmp.toString())), true,
                Optional.of(List.of("images.example.com"))), null);
        assertThat(files.schemes()).containsExactly("file", "http", "https");
    }

    @Test
    void configurationMistakesNameTheKey() {
        assertThatThrownBy(() -> PipelineAssembly.fetchers(new Fetch(Optional.empty(), true, Optional.empty()), null))
                .hasMessageContaining("simclr.augmenter.fetch.http-allowed-hosts");
        assertThatThrownBy(() -> PipelineAssembly.fetchers(new Fetch(Optional.of(List.of(tmp.resolve("nope").toString())),
                false, Optional.empty()), null)).hasMessageStartingWith("simclr.augmenter.fetch.file-roots: ");
        assertThatThrownBy(() -> PipelineAssembly.policy(new Policy(32, 2)))
                .hasMessage("simclr.augmenter.policy: output channels must be 1 or 3, got 2");
        assertThatThrownBy(() -> PipelineAssembly.policy(new Policy(32, 1, "stretch")))
                .hasMessage("simclr.augmenter.policy: unknown fit 'stretch': expected pad, resize or center-crop");
    }

    @Test
    void policyCarriesEveryKey() {
        PolicyConfig p = PipelineAssembly.policy(new Policy(48, 3, "center-crop"));
        assertThat(p.outputSize()).isEqualTo(48);
        assertThat(p.fit()).isEqualTo(ResizeMode.CENTER_CROP);
        assertThat(p.outputChannels()).isEqualTo(3);
        assertThat(p.cropScaleMin()).isEqualTo(0.2);
        assertThat(p.brightness()).isEqualTo(0.8 * 0.3, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(p.grayscaleProbability()).isEqualTo(0.1);
        assertThat(p.blur()).isTrue();
        assertThat(p.blurProbability()).isEqualTo(0.25);
    }

    /** The mapping built by SmallRye Config from {@code props} (keys without the prefix) and the defaults. */
    private static AugmenterConfig config(Map<String, String> props) {
        Map<String, String> prefixed = new java.util.HashMap<>();
        props.forEach((k, v) -> prefixed.put("simclr.augmenter." + k, v));
        return new SmallRyeConfigBuilder().withMapping(AugmenterConfig.class)
                .withConverter(MemorySize.class, 100, new MemorySizeConverter())
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(prefixed, "test", 500)).build()
                .getConfigMapping(AugmenterConfig.class);
    }

    @Test
    void theCacheAndTheExcludedSplitsFollowTheirKeys() {
        AugmenterConfig defaults = config(Map.of());
        ImageCache cache = PipelineAssembly.cache(defaults);
        assertThat(cache.maxBytes()).isEqualTo(256L << 20);
        assertThat(cache.content()).isEqualTo(CacheContent.AUTO);
        assertThat(PipelineAssembly.excludedSplits(defaults)).containsExactly("test");

        AugmenterConfig set = config(Map.of("cache-bytes", "1G", "cache-content", "encoded", "exclude-splits", "test, val"));
        assertThat(PipelineAssembly.cache(set).maxBytes()).isEqualTo(1L << 30);
        assertThat(PipelineAssembly.cache(set).content()).isEqualTo(CacheContent.ENCODED);
        assertThat(PipelineAssembly.excludedSplits(set)).containsExactly("test", "val");
        assertThat(PipelineAssembly.pipeline(set, null).excludedSplits()).containsExactlyInAnyOrder("test", "val");

        assertThat(PipelineAssembly.excludedSplits(config(Map.of("exclude-splits", "none")))).isEmpty();
        assertThat(PipelineAssembly.cache(config(Map.of("cache-bytes", "0"))).maxBytes()).isZero();
        assertThatThrownBy(() -> PipelineAssembly.excludedSplits(config(Map.of("exclude-splits", "none,test"))))
                .hasMessageStartingWith("simclr.augmenter.exclude-splits: 'none' cannot be combined");
    }
}
