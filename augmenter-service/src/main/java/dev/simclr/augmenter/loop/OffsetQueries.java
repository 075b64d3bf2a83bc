package dev.simclr.augmenter.loop;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Admin look-ups of partitions, log offsets (read_committed end = last stable offset) and a group's committed offsets,
 * each bounded by a timeout. Failures surface as {@link KafkaException} with the reason.
 */
final class OffsetQueries {

    /** First and end offset of one partition, and where a group stands in it. */
    record Range(long begin, long end, long position) {
        /** Records of the partition the group has passed. */
        long done() {
            return Math.max(0, Math.min(position, end) - begin);
        }

        /** Records in the partition. */
        long total() {
            return Math.max(0, end - begin);
        }
    }

    private final Admin admin;
    private final Duration timeout;

    OffsetQueries(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /** The partitions of {@code topic}; empty when the topic does not exist. */
    List<TopicPartition> partitions(String topic) {
        try {
            TopicDescription d = get(admin.describeTopics(List.of(topic)).allTopicNames(), "describe " + topic)
                    .get(topic);
            return d.partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
        } catch (KafkaException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return List.of();
            }
            throw e;
        }
    }

    /**
     * Per partition of {@code topic}: first offset, last stable offset, and the position of {@code group} (its
     * committed offset, or the first offset when it has none).
     */
    Map<TopicPartition, Range> ranges(String topic, String group) {
        List<TopicPartition> parts = partitions(topic);
        if (parts.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, Long> begin = offsets(parts, OffsetSpec.earliest());
        Map<TopicPartition, Long> end = offsets(parts, OffsetSpec.latest());
        Map<TopicPartition, OffsetAndMetadata> committed =
                get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(), "offsets of group " + group);
        Map<TopicPartition, Range> out = new HashMap<>();
        for (TopicPartition tp : parts) {
            long b = begin.getOrDefault(tp, 0L);
            OffsetAndMetadata c = committed.get(tp);
            out.put(tp, new Range(b, end.getOrDefault(tp, b), c == null ? b : Math.max(b, c.offset())));
        }
        return out;
    }

    private Map<TopicPartition, Long> offsets(Collection<TopicPartition> parts, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> request = parts.stream().collect(Collectors.toMap(tp -> tp, tp -> spec));
        return get(
                        admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                                .all(),
                        "list offsets")
                .entrySet()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private <T> T get(org.apache.kafka.common.KafkaFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new KafkaException(what + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaException(what + " timed out after " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException(what + " interrupted", e);
        }
    }
}
