package dev.simclr.evaluator.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.contracts.KafkaAccess;
import dev.simclr.kafka.KafkaClientSpec;
import dev.simclr.kafka.KafkaSettings;
import dev.simclr.kafka.KafkaSettingsException;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The evaluator's clients as application.properties defines them, and the kafka.* settings against them. */
class KafkaClientSettingsTest {

    private static SmallRyeConfig config(Map<String, String> env) throws IOException {
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(
                        KafkaClientSettingsTest.class.getClassLoader().getResource("application.properties"), 250))
                .withSources(new PropertiesConfigSource(Map.of("quarkus.uuid", "u-1"), "uuid", 100))
                .withSources(new EnvConfigSource(env, 300))
                .build();
    }

    private static KafkaSettings settings(SmallRyeConfig c) {
        return KafkaSettings.fromConfig(c.getPropertyNames(), n -> c.getOptionalValue(n, String.class));
    }

    @Test
    void channelsFixTheirOwnAttributesAndUseTheEvaluatorsGroupPrefix() throws IOException {
        SmallRyeConfig c = config(Map.of());
        List<KafkaClientSpec> specs = KafkaClientSettings.specs(c);
        assertThat(specs)
                .extracting(KafkaClientSpec::name)
                .containsExactly(
                        "channel checkpoints",
                        "channel progress",
                        "channel eval",
                        "channel checkpoints-dlq",
                        "view sampler");
        assertThat(specs.get(0).fixed())
                .containsEntry("group.id", "simclr-evaluator")
                .containsEntry("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer")
                .containsEntry("auto.offset.reset", "earliest");
        assertThat(specs.get(1).fixed())
                .containsEntry("group.id", "simclr-evaluator-progress-u-1")
                .containsEntry("enable.auto.commit", "false");
        assertThat(specs.get(2).fixed()).containsEntry("acks", "all").doesNotContainKey("topic");
        assertThat(specs)
                .map(s -> s.fixed().get("group.id"))
                .filteredOn(g -> g != null)
                .allSatisfy(g -> assertThat((String) g).startsWith(KafkaAccess.EVALUATOR_GROUP_PREFIX));
    }

    @Test
    void securitySettingsFromTheEnvironmentReachEveryClient() throws IOException {
        SmallRyeConfig c = config(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS",
                "kafka:9093",
                "KAFKA_SECURITY_PROTOCOL",
                "SASL_SSL",
                "KAFKA_SASL_MECHANISM",
                "SCRAM-SHA-512",
                "KAFKA_ACKS",
                "all"));
        KafkaSettings s = settings(c);
        s.check("evaluator", KafkaClientSettings.specs(c));
        assertThat(s.properties())
                .containsEntry("bootstrap.servers", "kafka:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        assertThat(s.forClient(KafkaClientSettings.viewSampler()))
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("isolation.level", "read_committed")
                .doesNotContainKeys("group.id", "acks");
    }

    @Test
    void anOverrideOfWhatAChannelFixesIsRefused() throws IOException {
        SmallRyeConfig c = config(Map.of("KAFKA_ENABLE_AUTO_COMMIT", "true"));
        assertThatThrownBy(() -> settings(c).check("evaluator", KafkaClientSettings.specs(c)))
                .isInstanceOf(KafkaSettingsException.class)
                .hasMessageContaining(
                        "kafka.enable.auto.commit=true (env KAFKA_ENABLE_AUTO_COMMIT): the evaluator's channel"
                                + " checkpoints must leave enable.auto.commit unset");
        SmallRyeConfig g = config(Map.of("KAFKA_GROUP_ID", "everyone"));
        assertThatThrownBy(() -> settings(g).check("evaluator", KafkaClientSettings.specs(g)))
                .hasMessageContaining("the evaluator's channel checkpoints fixes group.id=simclr-evaluator");
    }
}
