package dev.simclr.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"trainer\" password=\"s3cr3t-Pa55\";";

    private static final KafkaClientSpec PRODUCER = KafkaClientSpec.producer("checkpoint producer")
            .fix(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
            .fix(ProducerConfig.ACKS_CONFIG, "all")
            .fix(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class)
            .tune(ProducerConfig.LINGER_MS_CONFIG, 5);
    private static final KafkaClientSpec CONSUMER = KafkaClientSpec.consumer("views consumer")
            .fix(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
            .fix(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
            .tune(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 256);

    @Test
    void environmentVariablesBecomeClientProperties() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", "kafka:9093");
        env.put("KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
        env.put("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
        env.put("KAFKA_SASL_JAAS_CONFIG", JAAS);
        env.put("KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/kafka/ca.p12");
        env.put("KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM", "");
        env.put("KAFKA_HEAP_OPTS", "-Xmx1g");
        env.put("KAFKA_PORT", "tcp://10.0.0.1:9092");
        env.put("PATH", "/usr/bin");

        KafkaSettings s = KafkaSettings.fromEnv(env);

        assertThat(s.properties())
                .containsOnly(
                        Map.entry("bootstrap.servers", "kafka:9093"),
                        Map.entry("security.protocol", "SASL_SSL"),
                        Map.entry("sasl.mechanism", "SCRAM-SHA-512"),
                        Map.entry("sasl.jaas.config", JAAS),
                        Map.entry("ssl.truststore.location", "/etc/kafka/ca.p12"));
        assertThat(s.ignored()).containsExactly("KAFKA_HEAP_OPTS", "KAFKA_PORT");
        assertThat(s.user()).contains("trainer");
        assertThat(s.bootstrapServers()).isEqualTo("kafka:9093");
    }

    @Test
    void configNamesInBothSpellingsResolveThroughTheLookup() {
        // as MicroProfile Config answers: kafka.acks resolves to the environment's KAFKA_ACKS (higher ordinal)
        Map<String, String> values = Map.of(
                "kafka.bootstrap.servers",
                "b:9092",
                "kafka.acks",
                "all",
                "kafka.client.rack",
                "eu-1a",
                "KAFKA_ACKS",
                "all",
                "kafka.ui.enabled",
                "true");
        KafkaSettings s = KafkaSettings.fromConfig(
                List.of(
                        "kafka.bootstrap.servers",
                        "kafka.acks",
                        "KAFKA_ACKS",
                        "kafka.client.rack",
                        "kafka.ui.enabled",
                        "quarkus.http.port"),
                n -> Optional.ofNullable(values.get(n)));
        assertThat(s.properties())
                .containsOnly(
                        Map.entry("bootstrap.servers", "b:9092"),
                        Map.entry("acks", "all"),
                        Map.entry("client.rack", "eu-1a"));
        assertThat(s.ignored()).containsExactly("kafka.ui.enabled");
    }

    @Test
    void aConflictingProtectedSettingIsRefusedNamingKeyVariableAndClient() {
        KafkaSettings s = KafkaSettings.bootstrap("b:9092").with("enable.idempotence", "false");
        assertThatThrownBy(() -> s.check("trainer", List.of(CONSUMER, PRODUCER)))
                .isInstanceOf(KafkaSettingsException.class)
                .hasMessageContaining("kafka.enable.idempotence=false (env KAFKA_ENABLE_IDEMPOTENCE)")
                .hasMessageContaining("the trainer's checkpoint producer fixes enable.idempotence=true")
                .hasMessageContaining("remove the setting");
    }

    @Test
    void aProtectedKeyThatAClientLeavesUnsetIsRefused() {
        KafkaSettings s = KafkaSettings.bootstrap("b:9092").with("group.id", "shared");
        assertThatThrownBy(() -> s.check("evaluator", List.of(PRODUCER, CONSUMER)))
                .hasMessageContaining("kafka.group.id=shared (env KAFKA_GROUP_ID): the evaluator's views consumer must"
                        + " leave group.id unset");
    }

    @Test
    void theSameValueAsFixedAndUnprotectedKeysAreAccepted() {
        KafkaSettings s = KafkaSettings.bootstrap("b:9092")
                .with("acks", "ALL")
                .with("enable.idempotence", "true")
                .with("security.protocol", "SASL_SSL")
                .with("linger.ms", "50");
        s.check("trainer", List.of(PRODUCER, CONSUMER));
        Map<String, Object> producer = s.forClient(PRODUCER);
        assertThat(producer)
                .containsEntry("linger.ms", "50")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", true)
                .containsEntry("value.serializer", ByteArraySerializer.class)
                .containsEntry("bootstrap.servers", "b:9092");
        Map<String, Object> consumer = s.forClient(CONSUMER);
        assertThat(consumer)
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("max.poll.records", 256)
                .doesNotContainKeys("acks", "linger.ms", "enable.idempotence");
    }

    @Test
    void allConflictsAreListedInOneMessage() {
        KafkaSettings s =
                KafkaSettings.bootstrap("b:9092").with("acks", "1").with("isolation.level", "read_uncommitted");
        assertThatThrownBy(() -> s.check("trainer", List.of(PRODUCER, CONSUMER)))
                .hasMessageContaining("kafka.acks=1")
                .hasMessageContaining("kafka.isolation.level=read_uncommitted")
                .hasMessageContaining("views consumer fixes isolation.level=read_committed");
    }

    @Test
    void anUnprotectedKeyConflictsOnlyWithAClientThatFixesIt() {
        KafkaClientSpec fixedPoll = CONSUMER.fix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 64);
        KafkaSettings s = KafkaSettings.bootstrap("b:9092").with("max.poll.records", "500");
        s.check("trainer", List.of(CONSUMER, PRODUCER));
        assertThat(s.forClient(CONSUMER)).containsEntry("max.poll.records", "500");
        assertThatThrownBy(() -> s.check("augmenter", List.of(fixedPoll)))
                .hasMessageContaining(
                        "kafka.max.poll.records=500 (env KAFKA_MAX_POLL_RECORDS): the augmenter's views consumer"
                                + " fixes max.poll.records=64");
    }

    @Test
    void missingBootstrapServersIsNamed() {
        KafkaSettings s = KafkaSettings.of(Map.of("security.protocol", "SSL"));
        assertThatThrownBy(s::bootstrapServers)
                .isInstanceOf(KafkaSettingsException.class)
                .hasMessage("kafka.bootstrap.servers (env KAFKA_BOOTSTRAP_SERVERS) is not set");
        assertThatThrownBy(() -> s.check("augmenter", List.of(PRODUCER)))
                .hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void unknownKeysGivenInCodeAreRefused() {
        assertThatThrownBy(() -> KafkaSettings.of(Map.of("bootstrap.server", "b:1")))
                .hasMessage("kafka.bootstrap.server is not a Kafka client property");
    }

    @Test
    void secretsNeverAppearInDescriptions() {
        KafkaSettings s = KafkaSettings.bootstrap("b:9093")
                .with("sasl.jaas.config", JAAS)
                .with("ssl.truststore.password", "tsPass-42")
                .with("ssl.keystore.password", "ksPass-42")
                .with("ssl.key.password", "keyPass-42")
                .with("ssl.truststore.location", "/ca.p12");
        assertThat(s.describe())
                .contains(
                        "sasl.jaas.config=[hidden]",
                        "ssl.truststore.password=[hidden]",
                        "ssl.truststore.location=/ca.p12",
                        "bootstrap.servers=b:9093")
                .doesNotContain("s3cr3t-Pa55", "tsPass-42", "ksPass-42", "keyPass-42");
        assertThat(s.toString()).doesNotContain("s3cr3t-Pa55", "tsPass-42");
    }

    @Test
    void secretKeysIncludeKeyMaterialAndTokens() {
        assertThat(KafkaSecrets.isSecret("ssl.keystore.key")).isTrue();
        assertThat(KafkaSecrets.isSecret("ssl.keystore.certificate.chain")).isTrue();
        assertThat(KafkaSecrets.isSecret("sasl.oauthbearer.client.credentials.client.secret"))
                .isTrue();
        assertThat(KafkaSecrets.isSecret("ssl.truststore.location")).isFalse();
        assertThat(KafkaSecrets.isSecret("sasl.mechanism")).isFalse();
        assertThat(KafkaSecrets.jaasUser("PlainLoginModule required username=\"a-b\" password=\"x\";"))
                .contains("a-b");
        assertThat(KafkaSecrets.jaasUser("nothing here")).isEmpty();
    }

    @Test
    void aSpecRefusesKeysItsKindDoesNotAccept() {
        assertThatThrownBy(() -> KafkaClientSpec.consumer("c").fix("acks", "all"))
                .hasMessageContaining("acks is not a consumer setting");
    }
}
