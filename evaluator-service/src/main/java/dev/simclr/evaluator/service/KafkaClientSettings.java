package dev.simclr.evaluator.service;

import dev.simclr.kafka.KafkaClientSpec;
import dev.simclr.kafka.KafkaSettings;
import dev.simclr.kafka.KafkaStartupCheck;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.Config;

/**
 * The evaluator's Kafka client settings: every {@code kafka.*} key (env {@code KAFKA_*}) through the shared
 * {@link KafkaSettings}, for the SmallRye channels (as the connector's default configuration, replacing Quarkus's own
 * scan) and the view sampler's plain consumer alike. Each channel's own attributes in application.properties are what
 * it fixes; a conflicting {@code kafka.*} setting is refused when the settings are first needed, i.e. at start-up, and
 * the credentials are checked against the broker before the application reports started.
 */
@ApplicationScoped
public class KafkaClientSettings {

    /** Who the settings belong to, in messages. */
    static final String OWNER = "evaluator";

    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(15);

    @Inject
    Config config;

    private KafkaSettings settings;

    /** The checked settings. */
    @Produces
    @Singleton
    KafkaSettings kafkaSettings() {
        return settings();
    }

    /** The SmallRye Kafka connector's default configuration of every channel. */
    @Produces
    @Singleton
    @Identifier("default-kafka-broker")
    Map<String, Object> defaultKafkaBroker() {
        return new HashMap<>(settings().properties());
    }

    void onStart(@Observes @Priority(1) StartupEvent event) {
        KafkaStartupCheck.verify(settings(), OWNER, CHECK_TIMEOUT);
    }

    private synchronized KafkaSettings settings() {
        if (settings == null) {
            KafkaSettings s = KafkaSettings.fromConfig(
                    config.getPropertyNames(), name -> config.getOptionalValue(name, String.class));
            s.check(OWNER, specs(config));
            settings = s;
        }
        return settings;
    }

    /** Every Kafka client of the evaluator: the four channels and the view sampler. */
    static List<KafkaClientSpec> specs(Config config) {
        List<KafkaClientSpec> out = new ArrayList<>();
        out.add(channel(config, "incoming", Channels.CHECKPOINTS));
        out.add(channel(config, "incoming", Channels.PROGRESS));
        out.add(channel(config, "outgoing", Channels.EVAL));
        out.add(channel(config, "outgoing", Channels.CHECKPOINTS_DLQ));
        out.add(viewSampler());
        return out;
    }

    /** The view sampler's consumer: assigned (no group), read_committed, nothing committed. */
    static KafkaClientSpec viewSampler() {
        return KafkaClientSpec.consumer("view sampler")
                .fix(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .fix(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false")
                .fix(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false")
                .fix(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName())
                .fix(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName())
                .tune(ConsumerConfig.CLIENT_ID_CONFIG, "simclr-evaluator-view-sampler");
    }

    /** A channel: the Kafka client keys among its {@code mp.messaging.<direction>.<channel>.*} attributes are fixed. */
    static KafkaClientSpec channel(Config config, String direction, String channel) {
        String prefix = "mp.messaging." + direction + "." + channel + ".";
        KafkaClientSpec spec = direction.equals("incoming")
                ? KafkaClientSpec.consumer("channel " + channel)
                : KafkaClientSpec.producer("channel " + channel);
        for (String name : config.getPropertyNames()) {
            if (!name.startsWith(prefix)) {
                continue;
            }
            String key = name.substring(prefix.length());
            if (spec.kind().accepts(key)) {
                String value = config.getOptionalValue(name, String.class).orElse(null);
                if (value != null) {
                    spec = spec.fix(key, value);
                }
            }
        }
        return spec;
    }
}
