package dev.simclr.launcher.kafka;

import dev.simclr.kafka.KafkaClientSpec;
import dev.simclr.kafka.KafkaSettings;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Kafka clients of the CLI: an idempotent producer, group-less consumers, an admin client. Each takes the
 * {@code kafka.*} settings ({@link KafkaSettings}: the environment's {@code KAFKA_*} for another cluster, only the
 * bootstrap servers for the local stack); a setting that conflicts with what a client fixes is refused.
 */
public final class KafkaClients {

    /** Who the settings belong to, in messages. */
    public static final String OWNER = "simclr CLI";

    private KafkaClients() {}

    /** Every client of the CLI. */
    public static List<KafkaClientSpec> specs() {
        return List.of(producerSpec(), consumerSpec(), adminSpec());
    }

    /** The producer: idempotent, acks=all, UTF-8 keys and values, small linger for batching. */
    static KafkaClientSpec producerSpec() {
        return KafkaClientSpec.producer("producer")
                .fix(ProducerConfig.ACKS_CONFIG, "all")
                .fix(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .fix(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName())
                .fix(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName())
                .tune(ProducerConfig.CLIENT_ID_CONFIG, "simclr-cli")
                .tune(ProducerConfig.LINGER_MS_CONFIG, 10)
                .tune(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000)
                .tune(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000)
                .tune(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 20_000);
    }

    /** A consumer without a group (assigned and positioned by the caller; nothing committed), read_committed. */
    static KafkaClientSpec consumerSpec() {
        return KafkaClientSpec.consumer("reader")
                .fix(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
                .fix(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .fix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
                .fix(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName())
                .fix(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName())
                .tune(ConsumerConfig.CLIENT_ID_CONFIG, "simclr-cli")
                .tune(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000)
                .tune(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    }

    static KafkaClientSpec adminSpec() {
        return KafkaClientSpec.admin("admin client")
                .tune(AdminClientConfig.CLIENT_ID_CONFIG, "simclr-cli-admin")
                .tune(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000)
                .tune(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
    }

    /** The producer (see {@link #producerSpec()}). */
    public static KafkaProducer<String, String> producer(KafkaSettings kafka) {
        kafka.check(OWNER, specs());
        return new KafkaProducer<>(kafka.forClient(producerSpec()));
    }

    /** The producer for a plain-text cluster (the local stack). */
    public static KafkaProducer<String, String> producer(String bootstrapServers) {
        return producer(KafkaSettings.bootstrap(bootstrapServers));
    }

    /** A group-less consumer (see {@link #consumerSpec()}). */
    public static KafkaConsumer<String, byte[]> consumer(KafkaSettings kafka) {
        kafka.check(OWNER, specs());
        return new KafkaConsumer<>(kafka.forClient(consumerSpec()));
    }

    /** An admin client. */
    public static Admin admin(KafkaSettings kafka) {
        kafka.check(OWNER, specs());
        return Admin.create(kafka.forClient(adminSpec()));
    }

    /** An admin client for a plain-text cluster (the local stack). */
    public static Admin admin(String bootstrapServers) {
        return admin(KafkaSettings.bootstrap(bootstrapServers));
    }
}
