package dev.simclr.trainer.config;

import dev.simclr.kafka.KafkaClientSpec;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The trainer's Kafka clients, configured for exactly-once reading and durable writes: what each fixes, its tuning
 * defaults, and the {@code kafka.*} settings of {@link TrainerSetup#kafka()} in between ({@link TrainerSetup#of}
 * refuses a conflicting setting).
 */
public final class KafkaClients {

    /** Who the settings belong to, in messages. */
    public static final String OWNER = "trainer";

    private KafkaClients() {}

    /** Every client of the trainer. */
    public static List<KafkaClientSpec> specs(TrainerSetup s) {
        return List.of(consumerSpec(s), producerSpec(s), progressSpec(s));
    }

    /**
     * The views consumer: manual assignment + seek (never the group's offsets), read_committed (the augmenter writes in
     * transactions), no auto-commit, and {@code auto.offset.reset=none} so a checkpointed offset deleted by retention
     * fails loudly instead of silently skipping.
     *
     * <p>Tuned: {@code receive.buffer.bytes=-1} (the OS's auto-tuned socket buffer instead of Kafka's fixed 64 KiB). A
     * fetch response of {@code simclr.views} is megabytes (~300 KB per pair, up to {@code max.partition.fetch.bytes}
     * per partition); the consumer sends the next fetch before {@code poll} returns, but with 64 KiB of socket buffer
     * the broker is held as soon as the intake stops reading to decode and batch, and a 5 MB response takes ~80 socket
     * reads: the auto-tuned buffer cut the polling CPU of uncompressed views by about a third (docs/benchmarks.md,
     * "Trainer intake at GPU rates").
     */
    public static KafkaClientSpec consumerSpec(TrainerSetup s) {
        return KafkaClientSpec.consumer("views consumer")
                .fix(ConsumerConfig.GROUP_ID_CONFIG, s.consumerGroup())
                .fix(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .fix(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false")
                .fix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none")
                .fix(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false")
                .fix(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName())
                .fix(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName())
                .tune(
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        "simclr-trainer-" + s.config().runId() + "-views")
                .tune(
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        Math.min(Math.max(s.config().batchSize(), 16), 1000))
                .tune(ConsumerConfig.RECEIVE_BUFFER_CONFIG, -1);
    }

    /** One idempotent producer for dead letters and checkpoint events (acks=all). */
    public static KafkaClientSpec producerSpec(TrainerSetup s) {
        return KafkaClientSpec.producer("checkpoint and dead-letter producer")
                .fix(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true")
                .fix(ProducerConfig.ACKS_CONFIG, "all")
                .fix(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName())
                .fix(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName())
                .tune(
                        ProducerConfig.CLIENT_ID_CONFIG,
                        "simclr-trainer-" + s.config().runId() + "-out")
                .tune(ProducerConfig.LINGER_MS_CONFIG, 5);
    }

    /**
     * The progress producer: fire-and-forget monitoring records, so no idempotence, leader-only acks, and short
     * timeouts (a lost record is only counted). Separate from the other producer so a stuck progress send never delays
     * dead letters or checkpoint events.
     */
    public static KafkaClientSpec progressSpec(TrainerSetup s) {
        return KafkaClientSpec.producer("progress producer")
                .fix(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false")
                .fix(ProducerConfig.ACKS_CONFIG, "1")
                .fix(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName())
                .fix(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName())
                .tune(
                        ProducerConfig.CLIENT_ID_CONFIG,
                        "simclr-trainer-" + s.config().runId() + "-progress")
                .tune(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000)
                .tune(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000)
                .tune(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000)
                .tune(ProducerConfig.LINGER_MS_CONFIG, 20);
    }

    /** The views consumer. */
    public static KafkaConsumer<byte[], byte[]> consumer(TrainerSetup s) {
        return new KafkaConsumer<>(s.kafka().forClient(consumerSpec(s)));
    }

    /** The checkpoint and dead-letter producer. */
    public static KafkaProducer<byte[], byte[]> producer(TrainerSetup s) {
        return new KafkaProducer<>(s.kafka().forClient(producerSpec(s)));
    }

    /** The progress producer. */
    public static KafkaProducer<byte[], byte[]> progressProducer(TrainerSetup s) {
        return new KafkaProducer<>(s.kafka().forClient(progressSpec(s)));
    }
}
