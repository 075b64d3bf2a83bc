package dev.simclr.augmenter.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.augmenter.config.AugmenterSetup;
import dev.simclr.augmenter.testing.AugmenterConfigs;
import dev.simclr.kafka.KafkaSettings;
import dev.simclr.kafka.KafkaSettingsException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaClientsTest {

    private static final KafkaSettings SECURED = KafkaSettings.of(Map.of(
            "bootstrap.servers",
            "kafka:9093",
            "security.protocol",
            "SASL_SSL",
            "sasl.mechanism",
            "SCRAM-SHA-512",
            "sasl.jaas.config",
            "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"augmenter\""
                    + " password=\"pw\";",
            "ssl.truststore.location",
            "/ca.p12",
            "ssl.truststore.type",
            "PKCS12"));

    private static AugmenterSetup setup(KafkaSettings kafka) {
        return AugmenterConfigs.setup(
                kafka,
                Map.of(
                        "run-id",
                        "r1",
                        "epochs",
                        "2",
                        "instance-id",
                        "pod-0",
                        "transaction-timeout",
                        "20s",
                        "max-poll-records",
                        "32"));
    }

    @Test
    void everyClientGetsTheSecuritySettingsAndKeepsItsExactlyOnceValues() {
        KafkaClients clients = new KafkaClients(setup(SECURED), LoopTuning.DEFAULTS, 16 * 16);
        Map<String, Object> consumer = SECURED.forClient(clients.consumerSpec("simclr-augmenter.r1.e1", 1));
        Map<String, Object> producer = SECURED.forClient(clients.producerSpec());
        Map<String, Object> admin = SECURED.forClient(clients.adminSpec());
        for (Map<String, Object> c : java.util.List.of(consumer, producer, admin)) {
            assertThat(c)
                    .containsEntry("bootstrap.servers", "kafka:9093")
                    .containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                    .containsEntry("ssl.truststore.location", "/ca.p12")
                    .containsKey("sasl.jaas.config");
        }
        assertThat(consumer)
                .containsEntry("group.id", "simclr-augmenter.r1.e1")
                .containsEntry("enable.auto.commit", false)
                .containsEntry("isolation.level", "read_committed")
                .containsEntry("max.poll.records", 32);
        assertThat(producer)
                .containsEntry("transactional.id", "simclr-augmenter.r1-pod-0")
                .containsEntry("enable.idempotence", true)
                .containsEntry("acks", "all")
                .containsEntry("transaction.timeout.ms", 20_000);
    }

    @Test
    void aConflictingSettingIsRefusedWhenTheLoopIsBuilt() {
        KafkaSettings bad = SECURED.with("transactional.id", "shared-tx");
        assertThatThrownBy(() -> new KafkaClients(setup(bad), LoopTuning.DEFAULTS, 16 * 16))
                .isInstanceOf(KafkaSettingsException.class)
                .hasMessageContaining("kafka.transactional.id=shared-tx (env KAFKA_TRANSACTIONAL_ID)")
                .hasMessageContaining(
                        "the augmenter's transactional producer fixes transactional.id=simclr-augmenter.r1-pod-0")
                .hasMessageNotContaining("password=");
    }

    @Test
    void codeLevelTuningNeverBeatsAFixedValue() {
        AugmenterSetup s = AugmenterConfigs.setup(SECURED, Map.of("run-id", "r1", "epochs", "1", "instance-id", "a"));
        LoopTuning t = LoopTuning.DEFAULTS
                .withConsumerProperty("session.timeout.ms", 6000)
                .withConsumerProperty("isolation.level", "read_uncommitted");
        Map<String, Object> consumer = SECURED.forClient(new KafkaClients(s, t, 64).consumerSpec("g", 0));
        assertThat(consumer)
                .containsEntry("session.timeout.ms", 6000)
                .containsEntry("isolation.level", "read_committed");
    }
}
