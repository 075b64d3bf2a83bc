package dev.simclr.augmenter.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Produces test input and reads output topics the way the trainer does (read_committed). */
public final class KafkaIo {

    private KafkaIo() {}

    /** Sends the records in order and returns their metadata. */
    public static List<RecordMetadata> produce(String bootstrap, List<ProducerRecord<byte[], byte[]>> records) {
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            List<java.util.concurrent.Future<RecordMetadata>> fs =
                    records.stream().map(p::send).toList();
            List<RecordMetadata> out = new ArrayList<>();
            for (java.util.concurrent.Future<RecordMetadata> f : fs) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("producing test records failed: " + e, e);
        }
    }

    /** A record with UTF-8 key (may be null) and value (may be null). */
    public static ProducerRecord<byte[], byte[]> record(String topic, String key, String value) {
        return new ProducerRecord<>(topic, utf8(key), utf8(value));
    }

    /** UTF-8 bytes, or null. */
    public static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    /** A UTF-8 string, or null. */
    public static String text(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    /**
     * Reads {@code topic} from the beginning with isolation.level=read_committed until at least {@code expected}
     * records match {@code filter} (or {@code timeout} passes), then keeps reading for {@code quiet} to catch extras.
     * Returns the matching records.
     */
    public static List<ConsumerRecord<byte[], byte[]>> readCommitted(
            String bootstrap,
            String topic,
            Predicate<ConsumerRecord<byte[], byte[]>> filter,
            int expected,
            Duration timeout,
            Duration quiet) {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName()))) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .collect(Collectors.toList());
            c.assign(parts);
            c.seekToBeginning(parts);
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            long quietEnd = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietEnd)) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (filter.test(r)) {
                        out.add(r);
                    }
                }
                if (out.size() >= expected && quietEnd == Long.MAX_VALUE) {
                    quietEnd = System.nanoTime() + quiet.toNanos();
                }
            }
            return out;
        }
    }

    /** The UTF-8 value of a header, or null. */
    public static String header(ConsumerRecord<byte[], byte[]> r, String key) {
        var h = r.headers().lastHeader(key);
        return h == null ? null : text(h.value());
    }
}
