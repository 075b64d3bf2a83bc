package dev.simclr.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaIT {

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.start(null);
    }

    @AfterAll
    static void stop() {
        Path dir = kafka.dataDir();
        kafka.close();
        assertThat(dir).as("temp data directory is deleted on close").doesNotExist();
    }

    @Test
    void createsTopicWithPartitionsAndConfigs() throws Exception {
        kafka.createTopic("it.described", 3, Map.of("retention.ms", "3600000"));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            TopicDescription d = admin.describeTopics(List.of("it.described"))
                    .allTopicNames()
                    .get(10, TimeUnit.SECONDS)
                    .get("it.described");
            assertThat(d.partitions()).hasSize(3);
            ConfigResource res = new ConfigResource(ConfigResource.Type.TOPIC, "it.described");
            Config config = admin.describeConfigs(List.of(res))
                    .all()
                    .get(10, TimeUnit.SECONDS)
                    .get(res);
            assertThat(config.get("retention.ms").value()).isEqualTo("3600000");
        }
        kafka.createTopic("it.described", 3, Map.of());
        kafka.createTopic("it.described", 3, Map.of("retention.ms", "7200000", "max.message.bytes", "2097152"));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            ConfigResource res = new ConfigResource(ConfigResource.Type.TOPIC, "it.described");
            Config config = admin.describeConfigs(List.of(res))
                    .all()
                    .get(10, TimeUnit.SECONDS)
                    .get(res);
            assertThat(config.get("retention.ms").value())
                    .as("an existing topic gets the requested configs")
                    .isEqualTo("7200000");
            assertThat(config.get("max.message.bytes").value()).isEqualTo("2097152");
        }
        assertThatThrownBy(() -> kafka.createTopic("it.described", 2, Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already exists with 3 partitions");
        assertThatThrownBy(() -> kafka.createTopic("it.zero", 0, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("partitions must be >= 1");
    }

    @Test
    void idempotentProducerAndGroupConsumerRoundTrip() {
        kafka.createTopic("it.records", 3, Map.of());
        try (KafkaProducer<String, String> producer = producer(
                kafka, Map.of(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true", ProducerConfig.ACKS_CONFIG, "all"))) {
            for (int i = 0; i < 30; i++) {
                producer.send(new ProducerRecord<>("it.records", "k" + i, "v" + i));
            }
            producer.flush();
        }
        List<ConsumerRecord<String, String>> got = consume(kafka, "it.records", 30, Map.of());
        assertThat(got).extracting(ConsumerRecord::value).containsExactlyInAnyOrderElementsOf(range("v", 30));
        assertThat(got).extracting(ConsumerRecord::partition).containsOnly(0, 1, 2);
    }

    @Test
    void transactionalProducerCommitsAndAborts() {
        kafka.createTopic("it.tx", 1, Map.of());
        try (KafkaProducer<String, String> producer =
                producer(kafka, Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "it-tx-" + UUID.randomUUID()))) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>("it.tx", "c" + i));
            }
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("it.tx", "aborted"));
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("it.tx", "last"));
            producer.commitTransaction();
        }
        List<ConsumerRecord<String, String>> got =
                consume(kafka, "it.tx", 6, Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
        assertThat(got).extracting(ConsumerRecord::value).containsExactly("c0", "c1", "c2", "c3", "c4", "last");
    }

    @Test
    void restartFromTheSameDirectoryKeepsTopicsAndRecords(@TempDir Path dir) {
        try (EmbeddedKafka first = EmbeddedKafka.start(dir)) {
            first.createTopic("it.durable", 2, Map.of());
            try (KafkaProducer<String, String> producer = producer(first, Map.of())) {
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>("it.durable", "k" + i, "d" + i));
                }
                producer.flush();
            }
        }
        assertThat(Files.exists(dir.resolve("kafka-logs/meta.properties"))).isTrue();
        try (EmbeddedKafka second = EmbeddedKafka.start(dir)) {
            List<ConsumerRecord<String, String>> got = consume(second, "it.durable", 10, Map.of());
            assertThat(got).extracting(ConsumerRecord::value).containsExactlyInAnyOrderElementsOf(range("d", 10));
            assertThatThrownBy(() -> second.createTopic("it.durable", 3, Map.of()))
                    .hasMessageContaining("already exists with 2 partitions");
        }
    }

    @Test
    void stopAndRestartKeepThePortAndTheRecordsAndAProducerRidesThrough(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka k = EmbeddedKafka.start(dir)) {
            k.createTopic("it.restart", 1, Map.of());
            String bootstrap = k.bootstrapServers();
            // send() itself may block (up to max.block.ms) when the producer has dropped the topic's
            // metadata after losing the broker, so it runs on its own thread: the test only needs the
            // record to stay unacknowledged while the broker is down and to arrive after the restart.
            Map<String, Object> patient = Map.of(
                    ProducerConfig.ACKS_CONFIG,
                    "all",
                    ProducerConfig.MAX_BLOCK_MS_CONFIG,
                    120_000,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                    120_000);
            try (KafkaProducer<String, String> producer = producer(k, patient)) {
                producer.send(new ProducerRecord<>("it.restart", "k0", "before"))
                        .get(30, TimeUnit.SECONDS);
                k.stop();
                assertThat(k.isRunning()).isFalse();
                assertThatThrownBy(() -> k.createTopic("it.other", 1, Map.of())).hasMessageContaining("stopped");
                CompletableFuture<RecordMetadata> during = CompletableFuture.supplyAsync(() -> {
                    try {
                        return producer.send(new ProducerRecord<>("it.restart", "k1", "during"))
                                .get();
                    } catch (Exception e) {
                        throw new CompletionException(e);
                    }
                });
                Thread.sleep(2000);
                assertThat(during)
                        .as("not acknowledged while the broker is down")
                        .isNotDone();
                k.restart();
                assertThat(k.isRunning()).isTrue();
                assertThat(k.bootstrapServers()).isEqualTo(bootstrap);
                assertThat(during.get(120, TimeUnit.SECONDS).offset())
                        .as("delivered after the restart")
                        .isEqualTo(1);
            }
            assertThat(consume(k, "it.restart", 2, Map.of()))
                    .extracting(ConsumerRecord::value)
                    .containsExactly("before", "during");
        }
    }

    private static List<String> range(String prefix, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(prefix + i);
        }
        return out;
    }

    static KafkaProducer<String, String> producer(KafkaEndpoint k, Map<String, Object> extra) {
        Map<String, Object> config = new java.util.HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, k.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 0));
        config.putAll(extra);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    static List<ConsumerRecord<String, String>> consume(
            KafkaEndpoint k, String topic, int expected, Map<String, Object> extra) {
        Map<String, Object> config = new java.util.HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                k.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"));
        config.putAll(extra);
        List<ConsumerRecord<String, String>> got = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (got.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(got::add);
            }
            // one more short poll: more records than expected must show up as a failure
            consumer.poll(Duration.ofMillis(300)).forEach(got::add);
        }
        return got;
    }
}
