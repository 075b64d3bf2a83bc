package dev.simclr.trainer.testing;

import dev.simclr.contracts.CheckpointEvent;
import dev.simclr.contracts.Topics;
import dev.simclr.localstack.EmbeddedKafka;
import dev.simclr.localstack.EmbeddedS3;
import dev.simclr.objectstore.ObjectStore;
import dev.simclr.objectstore.ObjectStoreConfig;
import dev.simclr.trainer.config.TrainerSetup;
import dev.simclr.trainer.input.ViewTriage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Embedded Kafka + S3 for the trainer's ITs, with helpers to produce views and read what the trainer wrote. */
public final class Cluster implements AutoCloseable {

    /** The checkpoint bucket. */
    public static final String BUCKET = "simclr-it";

    private final EmbeddedKafka kafka;
    private final EmbeddedS3 s3;
    private final ObjectStore store;

    private Cluster(EmbeddedKafka kafka, EmbeddedS3 s3) {
        this.kafka = kafka;
        this.s3 = s3;
        this.store = ObjectStore.connect(s3Config());
        store.ensureBucket(BUCKET);
    }

    /** Starts both servers (temp dirs). */
    public static Cluster start() {
        EmbeddedKafka k = EmbeddedKafka.start(null);
        try {
            return new Cluster(k, EmbeddedS3.start(null));
        } catch (RuntimeException e) {
            k.close();
            throw e;
        }
    }

    public String bootstrap() {
        return kafka.bootstrapServers();
    }

    public EmbeddedS3 s3() {
        return s3;
    }

    public ObjectStore store() {
        return store;
    }

    public ObjectStoreConfig s3Config() {
        return ObjectStoreConfig.builder()
                .setEndpoint(s3.endpoint())
                .setAccessKey(s3.accessKey())
                .setSecretKey(s3.secretKey())
                .optRegion(s3.region())
                .build();
    }

    /** Creates the views topic (with its .dlq) and a checkpoints topic. */
    public void topics(String views, int partitions, String checkpoints) {
        kafka.createTopic(views, partitions, Map.of());
        kafka.createTopic(Topics.dlq(views), 1, Map.of());
        kafka.createTopic(checkpoints, 1, Map.of());
    }

    /** Creates one more topic. */
    public void topic(String name, int partitions) {
        kafka.createTopic(name, partitions, Map.of());
    }

    /**
     * Config keys of the ITs against a cluster at {@code bootstrap}: the tiny model (ResNet-18 at 1/16 width, 8 px, 1
     * channel), batches of 4, a checkpoint every step, 20 steps, lr 0.05 on one CPU thread; callers add run-specific
     * values.
     */
    public static Map<String, String> keys(String bootstrap, String runId, String views, String checkpoints) {
        Map<String, String> k = new HashMap<>();
        k.put("kafka.bootstrap.servers", bootstrap);
        k.put("simclr.trainer.run-id", runId);
        k.put("simclr.trainer.bucket", BUCKET);
        k.put("simclr.trainer.model.channels", "1");
        k.put("simclr.trainer.model.input-size", "8");
        k.put("simclr.trainer.model.width", "0.0625");
        k.put("simclr.trainer.model.projection-dim", "16");
        k.put("simclr.trainer.model.mean", "0.449");
        k.put("simclr.trainer.model.std", "0.226");
        k.put("simclr.trainer.views-topic", views);
        k.put("simclr.trainer.checkpoints-topic", checkpoints);
        k.put("simclr.trainer.batch-size", "4");
        k.put("simclr.trainer.checkpoint-every", "1");
        k.put("simclr.trainer.total-steps", "20");
        k.put("simclr.trainer.optimizer.lr", "0.05");
        k.put("simclr.trainer.device", "cpu");
        k.put("simclr.trainer.threads", "1");
        k.put("simclr.trainer.partial-batch-timeout", "5m");
        k.put("simclr.trainer.lease.ttl", "5s");
        k.put("simclr.trainer.progress-interval", "2s");
        k.put("simclr.trainer.lease.holder-id", "it-" + runId);
        return k;
    }

    /** The setup of {@link #keys} against this cluster plus {@code key, value, ...} (run-specific values). */
    public TrainerSetup setup(String runId, String views, String checkpoints, String... keyValues) {
        return TrainerConfigs.setup(TrainerConfigs.with(keys(bootstrap(), runId, views, checkpoints), keyValues));
    }

    /** A view-pair record as the augmenter writes it (key = image id, run and epoch headers). */
    public static ProducerRecord<byte[], byte[]> view(
            String topic, int partition, String id, byte[] value, String runId) {
        RecordHeaders headers = new RecordHeaders();
        if (runId != null) {
            headers.add(ViewTriage.RUN_ID_HEADER, runId.getBytes(StandardCharsets.UTF_8));
            headers.add(ViewTriage.EPOCH_HEADER, "0".getBytes(StandardCharsets.UTF_8));
        }
        return new ProducerRecord<>(topic, partition, id.getBytes(StandardCharsets.UTF_8), value, headers);
    }

    /** Sends the records in one Kafka transaction (as the augmenter does) and returns their metadata. */
    public List<RecordMetadata> produceTransaction(List<ProducerRecord<byte[], byte[]>> records) {
        return KafkaIo.produceTransaction(bootstrap(), records);
    }

    /** Every committed record of {@code topic}, reading until {@code quiet} passes without news. */
    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic, Duration quiet) {
        return KafkaIo.readAll(bootstrap(), topic, quiet);
    }

    /** The checkpoint events of {@code runId} on {@code topic}, in order. */
    public List<CheckpointEvent> events(String topic, String runId) {
        return KafkaIo.events(bootstrap(), topic, runId);
    }

    /** The offsets committed to a consumer group for {@code topic}'s partitions (monitoring position). */
    public Map<Integer, Long> committed(String group, String topic) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            var parts = new java.util.HashSet<TopicPartition>();
            c.partitionsFor(topic).forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
            Map<Integer, Long> out = new java.util.TreeMap<>();
            c.committed(parts).forEach((tp, om) -> {
                if (om != null) {
                    out.put(tp.partition(), om.offset());
                }
            });
            return out;
        }
    }

    @Override
    public void close() {
        store.close();
        s3.close();
        kafka.close();
    }
}
