package dev.simclr.deploy;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Kafka client properties as environment variables: {@code KAFKA_<PROPERTY>} is the Quarkus config key
 * {@code kafka.<property>}, which every service applies to all its Kafka clients (the contract with the services; e.g.
 * KAFKA_SASL_JAAS_CONFIG = sasl.jaas.config). The names and which are passwords come from the kafka-clients on the
 * class path (the Quarkus BOM's, the services' own).
 */
final class KafkaClientConfig {

    /** The environment variable prefix. */
    static final String PREFIX = "KAFKA_";

    private static final Set<String> NAMES = new TreeSet<>();

    static {
        NAMES.addAll(ProducerConfig.configNames());
        NAMES.addAll(ConsumerConfig.configNames());
        NAMES.addAll(AdminClientConfig.configNames());
    }

    private KafkaClientConfig() {}

    /**
     * The client property of a {@code KAFKA_*} variable ({@code KAFKA_SASL_JAAS_CONFIG} -> {@code sasl.jaas.config}),
     * or null.
     */
    static String property(String variable) {
        if (!variable.startsWith(PREFIX) || variable.length() == PREFIX.length()) {
            return null;
        }
        String p = variable.substring(PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
        return NAMES.contains(p) ? p : null;
    }

    /** Whether {@code property} is a producer, consumer or admin client property. */
    static boolean isProperty(String property) {
        return NAMES.contains(property);
    }

    /** Whether Kafka treats {@code property} as a password (ConfigDef type PASSWORD: never logged). */
    static boolean isPassword(String property) {
        for (ConfigDef def :
                new ConfigDef[] {ProducerConfig.configDef(), ConsumerConfig.configDef(), AdminClientConfig.configDef()
                }) {
            ConfigDef.ConfigKey key = def.configKeys().get(property);
            if (key != null && key.type == ConfigDef.Type.PASSWORD) {
                return true;
            }
        }
        return false;
    }
}
