package dev.simclr.augmenter.loop;

import dev.simclr.augmenter.config.AugmenterSetup;
import dev.simclr.contracts.ViewPairCodec;
import dev.simclr.kafka.KafkaClientSpec;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The loop's Kafka clients: what each fixes for exactly-once processing, its tuning defaults, and the {@code kafka.*}
 * settings of {@link AugmenterSetup#kafka()} in between. Creating this object refuses a {@code kafka.*} setting that
 * conflicts with a fixed value.
 */
final class KafkaClients {

    /** Who the settings belong to, in messages. */
    static final String OWNER = "augmenter";

    private final AugmenterSetup s;
    private final LoopTuning t;
    private final int maxRequestBytes;

    /**
     * @param viewBytes bytes of one view (size² × channels): sizes the producer's request limit
     * @throws dev.simclr.kafka.KafkaSettingsException when a {@code kafka.*} setting conflicts with a fixed value
     */
    KafkaClients(AugmenterSetup setup, LoopTuning tuning, int viewBytes) {
        this.s = setup;
        this.t = tuning;
        long pair = (long) ViewPairCodec.FIXED_HEADER_BYTES + 512 + 2L * viewBytes + 16 * 1024;
        this.maxRequestBytes = (int) Math.max(1 << 20, Math.min(Integer.MAX_VALUE / 2, pair));
        setup.kafka().check(OWNER, specs());
    }

    /** Every client of the loop (the consumer as in epoch 0). */
    List<KafkaClientSpec> specs() {
        return List.of(consumerSpec(s.groupId(0), 0), producerSpec(), adminSpec());
    }

    /** The images consumer of one epoch: its group, manual commits via transactions, earliest, read_committed. */
    KafkaClientSpec consumerSpec(String group, int epoch) {
        KafkaClientSpec c = KafkaClientSpec.consumer("images consumer")
                .fix(ConsumerConfig.GROUP_ID_CONFIG, group)
                .fix(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
                .fix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
                .fix(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .fix(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false)
                .fix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, s.config().maxPollRecords())
                .fix(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName())
                .fix(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName())
                .fix(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName())
                .tune(ConsumerConfig.CLIENT_ID_CONFIG, "augmenter-" + s.instanceId() + "-e" + epoch);
        for (Map.Entry<String, Object> e : t.consumerOverrides().entrySet()) {
            c = c.tune(e.getKey(), e.getValue());
        }
        return c;
    }

    /** The transactional producer (idempotent, acks=all) with this replica's transactional.id. */
    KafkaClientSpec producerSpec() {
        KafkaClientSpec p = KafkaClientSpec.producer("transactional producer")
                .fix(ProducerConfig.TRANSACTIONAL_ID_CONFIG, s.transactionalId())
                .fix(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .fix(ProducerConfig.ACKS_CONFIG, "all")
                .fix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int)
                        s.config().transactionTimeout().toMillis())
                .fix(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName())
                .fix(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName())
                .tune(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxRequestBytes)
                .tune(ProducerConfig.CLIENT_ID_CONFIG, "augmenter-" + s.instanceId());
        for (Map.Entry<String, Object> e : t.producerOverrides().entrySet()) {
            p = p.tune(e.getKey(), e.getValue());
        }
        return p;
    }

    /** The admin client for offset queries (short timeouts: callers retry on the next check). */
    KafkaClientSpec adminSpec() {
        return KafkaClientSpec.admin("offsets admin client")
                .tune(AdminClientConfig.CLIENT_ID_CONFIG, "augmenter-" + s.instanceId() + "-admin")
                .tune(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000)
                .tune(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
    }

    /** A consumer of the images topic for {@code group}. */
    KafkaConsumer<byte[], byte[]> consumer(String group, int epoch) {
        return new KafkaConsumer<>(s.kafka().forClient(consumerSpec(group, epoch)));
    }

    /** The transactional producer. */
    KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(s.kafka().forClient(producerSpec()));
    }

    /** An admin client for offset queries. */
    Admin admin() {
        return Admin.create(s.kafka().forClient(adminSpec()));
    }
}
