package dev.simclr.launcher.kafka;

import dev.simclr.kafka.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a topic without a consumer group: all partitions assigned, positioned at the beginning, the end, or the last N
 * records of each partition.
 */
public final class TopicReader implements AutoCloseable {

    /** Where to start. */
    public enum Start {
        /** The first record. */
        BEGINNING,
        /** After the last record (only new records). */
        END
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<TopicPartition> partitions;

    private TopicReader(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions) {
        this.consumer = consumer;
        this.partitions = partitions;
    }

    /**
     * Opens {@code topic} of a plain-text cluster (the local stack).
     *
     * @throws IllegalStateException when the topic does not exist
     */
    public static TopicReader open(String bootstrapServers, String topic, Start start) {
        return open(KafkaSettings.bootstrap(bootstrapServers), topic, start);
    }

    /**
     * Opens {@code topic} with the given client settings.
     *
     * @throws IllegalStateException when the topic does not exist
     */
    public static TopicReader open(KafkaSettings kafka, String topic, Start start) {
        KafkaConsumer<String, byte[]> c = KafkaClients.consumer(kafka);
        try {
            List<TopicPartition> parts = partitions(c, topic);
            c.assign(parts);
            if (start == Start.BEGINNING) {
                c.seekToBeginning(parts);
            } else {
                c.seekToEnd(parts);
            }
            parts.forEach(c::position);
            return new TopicReader(c, parts);
        } catch (RuntimeException e) {
            c.close(Duration.ofSeconds(2));
            throw e;
        }
    }

    static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> c, String topic) {
        List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(20));
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist");
        }
        List<TopicPartition> parts = new ArrayList<>();
        infos.forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
        return parts;
    }

    /** Moves every partition back by at most {@code n} records from its end. */
    public TopicReader lastRecords(int n) {
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        for (TopicPartition tp : partitions) {
            consumer.seek(tp, Math.max(begin.get(tp), end.get(tp) - n));
        }
        return this;
    }

    /** Polls once and hands every record to {@code sink}; returns the number of records. */
    public int poll(Duration timeout, Consumer<ConsumerRecord<String, byte[]>> sink) {
        int n = 0;
        for (ConsumerRecord<String, byte[]> r : consumer.poll(timeout)) {
            sink.accept(r);
            n++;
        }
        return n;
    }

    /** Reads until every partition's position reaches the end offset it had when this was called. */
    public void drain(Consumer<ConsumerRecord<String, byte[]>> sink, Duration timeout) {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "reading " + partitions.get(0).topic() + " took longer than " + timeout.toSeconds() + " s");
            }
            poll(Duration.ofMillis(500), sink);
        }
    }

    /** Wakes a blocked {@link #poll} from another thread (it then throws WakeupException). */
    public void wakeup() {
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
