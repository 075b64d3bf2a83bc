package dev.simclr.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfigKeysTest {

    @Test
    void derivesEnvironmentNamesTheQuarkusWay() {
        assertThat(ConfigKeys.envName("simclr.augmenter.policy.output-size"))
                .isEqualTo("SIMCLR_AUGMENTER_POLICY_OUTPUT_SIZE");
        assertThat(ConfigKeys.envName("quarkus.log.category.\"org.apache.kafka\".level"))
                .isEqualTo("QUARKUS_LOG_CATEGORY__ORG_APACHE_KAFKA__LEVEL");
    }

    @Test
    void acceptsOnlyWhatTheServiceReads() {
        ConfigKeys trainer = ConfigKeys.of(Repo.Service.TRAINER);
        ConfigKeys evaluator = ConfigKeys.of(Repo.Service.EVALUATOR);
        assertThat(trainer.explain("SIMCLR_TRAINER_BATCH_SIZE")).isEqualTo("config key simclr.trainer.batch-size");
        assertThat(trainer.explain("SIMCLR_TRAINER_BATCHSIZE")).as("a typo").isNull();
        assertThat(trainer.explain("SIMCLR_EVALUATOR_EVERY_NTH"))
                .as("another service's key")
                .isNull();
        assertThat(trainer.explain("SIMCLR_RUN_ID")).isEqualTo("referenced by application.properties");
        assertThat(evaluator.explain("SIMCLR_RUN_ID"))
                .as("the evaluator has no run id")
                .isNull();
        assertThat(evaluator.explain("MP_MESSAGING_INCOMING_CHECKPOINTS_GROUP_ID"))
                .isNotNull();
        assertThat(evaluator.explain("OMP_WAIT_POLICY")).startsWith("runtime variable");
    }

    @Test
    void acceptsRealKafkaClientPropertiesOnly() {
        ConfigKeys augmenter = ConfigKeys.of(Repo.Service.AUGMENTER);
        assertThat(augmenter.explain("KAFKA_SASL_JAAS_CONFIG")).startsWith("Kafka client property sasl.jaas.config");
        assertThat(augmenter.explain("KAFKA_SSL_TRUSTSTORE_LOCATION"))
                .startsWith("Kafka client property ssl.truststore.location");
        assertThat(augmenter.explain("KAFKA_SECURITY_PROTOCOL")).startsWith("Kafka client property security.protocol");
        assertThat(augmenter.explain("KAFKA_SASL_MECHANISMS"))
                .as("a typo (librdkafka's name)")
                .isNull();
        assertThat(augmenter.explain("KAFKA_")).isNull();
        assertThat(KafkaClientConfig.isPassword("sasl.jaas.config")).isTrue();
        assertThat(KafkaClientConfig.isPassword("ssl.truststore.password")).isTrue();
        assertThat(KafkaClientConfig.isPassword("ssl.truststore.location")).isFalse();
    }

    @Test
    void readsConfigPropertyInjections() {
        assertThat(ConfigKeys.of(Repo.Service.AUGMENTER).hasKey("kafka.bootstrap.servers"))
                .isTrue();
    }
}
