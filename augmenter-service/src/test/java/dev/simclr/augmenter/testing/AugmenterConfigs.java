package dev.simclr.augmenter.testing;

import dev.simclr.augmenter.config.AugmenterConfig;
import dev.simclr.augmenter.config.AugmenterSetup;
import dev.simclr.augmenter.config.S3Config;
import dev.simclr.kafka.KafkaSettings;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The augmenter's mappings as SmallRye Config builds them in the service (defaults from {@code @WithDefault}, durations
 * like {@code 5s}, sizes like {@code 256M}), without Quarkus.
 */
public final class AugmenterConfigs {

    private AugmenterConfigs() {}

    /** The {@code simclr.augmenter.*} mapping with {@code keys} (names without the prefix, e.g. {@code run-id}). */
    public static AugmenterConfig of(Map<String, String> keys) {
        return config(prefixed("simclr.augmenter.", keys)).getConfigMapping(AugmenterConfig.class);
    }

    /** The {@code simclr.s3.*} mapping with {@code keys} (names without the prefix, e.g. {@code endpoint}). */
    public static S3Config s3(Map<String, String> keys) {
        return config(prefixed("simclr.s3.", keys)).getConfigMapping(S3Config.class);
    }

    /**
     * The setup of {@code simclr.augmenter.*} {@code keys} (without the prefix), no object store, Kafka at
     * {@code kafka}.
     */
    public static AugmenterSetup setup(KafkaSettings kafka, Map<String, String> keys) {
        return AugmenterSetup.of(of(keys), s3(Map.of()), kafka);
    }

    /** The setup of {@code simclr.augmenter.*} {@code keys} (without the prefix), Kafka at b:9092. */
    public static AugmenterSetup setup(Map<String, String> keys) {
        return setup(KafkaSettings.bootstrap("b:9092"), keys);
    }

    private static Map<String, String> prefixed(String prefix, Map<String, String> keys) {
        Map<String, String> out = new HashMap<>();
        keys.forEach((k, v) -> out.put(prefix + k, v));
        return out;
    }

    private static SmallRyeConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withMapping(AugmenterConfig.class)
                .withMapping(S3Config.class)
                .withConverter(MemorySize.class, 100, new MemorySizeConverter())
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
    }
}
