package dev.simclr.trainer.testing;

import dev.simclr.kafka.KafkaSettings;
import dev.simclr.trainer.config.TrainerConfig;
import dev.simclr.trainer.config.TrainerSetup;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The trainer's {@link TrainerConfig} mapping built without Quarkus: SmallRye Config over a map of keys, with Quarkus's
 * {@link DurationConverter} (so {@code 30s} and {@code PT30S} both work), the defaults of the mapping's
 * {@code @WithDefault} and its validation. Every test builds its config here.
 */
public final class TrainerConfigs {

    /**
     * Keys every test config starts from, on top of the mapping's defaults: a schedule length, a lease holder, the grey
     * statistics 1-channel input requires (Fashion-MNIST's) and a broker address.
     */
    public static final Map<String, String> BASE = Map.of(
            "simclr.trainer.total-steps",
            "1000",
            "simclr.trainer.lease.holder-id",
            "pod-a",
            "simclr.trainer.model.mean",
            "0.286",
            "simclr.trainer.model.std",
            "0.353",
            "kafka.bootstrap.servers",
            "localhost:9092");

    private TrainerConfigs() {}

    /** The mapping of {@link #BASE} plus {@code keys} (an empty value removes a key, so its default applies). */
    public static TrainerConfig of(Map<String, String> keys) {
        return config(keys).getConfigMapping(TrainerConfig.class);
    }

    /**
     * {@link TrainerSetup#of} (the trainer's validation) of {@link #of}{@code (keys)}, with the {@code kafka.*}
     * settings collected from the same keys as the service collects them.
     */
    public static TrainerSetup setup(Map<String, String> keys) {
        SmallRyeConfig config = config(keys);
        KafkaSettings kafka = KafkaSettings.fromConfig(
                config.getPropertyNames(), name -> config.getOptionalValue(name, String.class));
        return TrainerSetup.of(config.getConfigMapping(TrainerConfig.class), kafka);
    }

    /** {@link #setup(Map)} of {@code key, value, key, value, ...}. */
    public static TrainerSetup setup(String... keyValues) {
        return setup(with(Map.of(), keyValues));
    }

    /** {@code keys} plus (or with other values for) {@code key, value, key, value, ...}. */
    public static Map<String, String> with(Map<String, String> keys, String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("key, value pairs expected, got " + keyValues.length + " strings");
        }
        Map<String, String> out = new LinkedHashMap<>(keys);
        for (int i = 0; i < keyValues.length; i += 2) {
            out.put(keyValues[i], keyValues[i + 1]);
        }
        return out;
    }

    private static SmallRyeConfig config(Map<String, String> keys) {
        Map<String, String> all = new LinkedHashMap<>(BASE);
        all.putAll(keys);
        all.values().removeIf(String::isEmpty);
        return new SmallRyeConfigBuilder()
                .withMapping(TrainerConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(all, "test", 100))
                .build();
    }
}
