package dev.simclr.evaluator.dashboard;

import dev.simclr.contracts.ContractException;
import dev.simclr.contracts.ViewPair;
import dev.simclr.contracts.ViewPairCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the newest view pairs of {@code simclr.views} with a short-lived consumer: assigned (no consumer group, nothing
 * committed), {@code read_committed}, each partition sought to its last stable offset minus n, read up to that offset
 * or a deadline, then closed. At most n records per partition are read, so a call is cheap and bounded whatever the
 * topic holds. Records that are not view pairs are skipped and counted.
 */
public final class ViewSampler {

    /**
     * One sampled pair.
     *
     * @param pair the decoded pair
     * @param partition its partition
     * @param offset its offset
     * @param timestamp the record timestamp
     */
    public record Sample(ViewPair pair, int partition, long offset, Instant timestamp) {}

    /**
     * What a call found.
     *
     * @param samples the newest pairs, newest first
     * @param skipped records that were not decodable view pairs
     * @param topicExists whether the topic exists
     */
    public record Result(List<Sample> samples, int skipped, boolean topicExists) {}

    private final Supplier<Consumer<byte[], byte[]>> consumers;
    private final String topic;
    private final Duration timeout;

    /**
     * Creates a sampler.
     *
     * @param consumers makes a new consumer per call (read_committed, no group, byte arrays); closed here
     * @param topic the views topic
     * @param timeout deadline of one call (metadata, offsets and reading)
     */
    public ViewSampler(Supplier<Consumer<byte[], byte[]>> consumers, String topic, Duration timeout) {
        this.consumers = consumers;
        this.topic = topic;
        this.timeout = timeout;
    }

    /**
     * Samples the newest {@code n} pairs across partitions.
     *
     * @param n pairs wanted, {@code >= 1}
     * @return the pairs (fewer when the topic holds fewer or the deadline passed)
     */
    public Result sample(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Consumer<byte[], byte[]> c = consumers.get()) {
            List<PartitionInfo> infos = c.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                return new Result(List.of(), 0, false);
            }
            List<TopicPartition> parts = infos.stream()
                    .map(i -> new TopicPartition(topic, i.partition()))
                    .toList();
            c.assign(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts, timeout);
            Map<TopicPartition, Long> begin = c.beginningOffsets(parts, timeout);
            Map<TopicPartition, Long> open = new HashMap<>();
            for (TopicPartition tp : parts) {
                long from = Math.max(begin.getOrDefault(tp, 0L), end.getOrDefault(tp, 0L) - n);
                if (from < end.getOrDefault(tp, 0L)) {
                    c.seek(tp, from);
                    open.put(tp, end.get(tp));
                }
            }
            c.pause(parts.stream().filter(tp -> !open.containsKey(tp)).toList());
            List<Sample> found = new ArrayList<>();
            int skipped = 0;
            while (!open.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(100))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    Long stop = open.get(tp);
                    if (stop == null || r.offset() >= stop) {
                        continue;
                    }
                    try {
                        found.add(new Sample(
                                ViewPairCodec.decode(r.value() == null ? new byte[0] : r.value()),
                                r.partition(),
                                r.offset(),
                                Instant.ofEpochMilli(r.timestamp())));
                    } catch (ContractException e) {
                        skipped++;
                    }
                }
                open.entrySet().removeIf(e -> c.position(e.getKey(), timeout) >= e.getValue());
            }
            found.sort(Comparator.comparing(Sample::timestamp)
                    .thenComparing(Sample::offset)
                    .reversed());
            return new Result(List.copyOf(found.subList(0, Math.min(n, found.size()))), skipped, true);
        }
    }
}
