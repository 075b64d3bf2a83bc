package dev.simclr.launcher.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** Topic sizes and consumer-group lag for {@code simclr status}, from the admin API. */
public final class Offsets {

    private final Admin admin;

    /** Wraps an admin client (not closed here). */
    public Offsets(Admin admin) {
        this.admin = admin;
    }

    /**
     * A topic.
     *
     * @param name name
     * @param partitions partition count
     * @param endOffsets sum of the partitions' end offsets (records written, incl. transaction markers)
     */
    public record TopicSize(String name, int partitions, long endOffsets) {}

    /**
     * A consumer group's lag.
     *
     * @param group group id
     * @param topics topics it committed offsets for
     * @param lag sum over its partitions of end offset minus committed offset
     */
    public record GroupLag(String group, Set<String> topics, long lag) {}

    /** Every topic whose name starts with {@code prefix}, sorted. */
    public List<TopicSize> topics(String prefix) {
        Set<String> names = get(admin.listTopics().names());
        List<String> ours =
                names.stream().filter(n -> n.startsWith(prefix)).sorted().toList();
        Map<String, TopicDescription> d = get(admin.describeTopics(ours).allTopicNames());
        Map<TopicPartition, OffsetSpec> req = new java.util.HashMap<>();
        d.values()
                .forEach(t -> t.partitions()
                        .forEach(p -> req.put(new TopicPartition(t.name(), p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                get(admin.listOffsets(req).all());
        List<TopicSize> out = new ArrayList<>();
        for (String n : ours) {
            long sum = ends.entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(n))
                    .mapToLong(e -> e.getValue().offset())
                    .sum();
            out.add(new TopicSize(n, d.get(n).partitions().size(), sum));
        }
        return out;
    }

    /** Lag of every consumer group whose id starts with {@code prefix}, sorted by id. */
    public List<GroupLag> lags(String prefix) {
        List<String> groups = get(admin.listConsumerGroups().all()).stream()
                .map(ConsumerGroupListing::groupId)
                .filter(g -> g.startsWith(prefix))
                .sorted()
                .toList();
        List<GroupLag> out = new ArrayList<>();
        for (String g : groups) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    get(admin.listConsumerGroupOffsets(g).partitionsToOffsetAndMetadata());
            Map<TopicPartition, OffsetSpec> req = new java.util.HashMap<>();
            committed.keySet().forEach(tp -> req.put(tp, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                    req.isEmpty() ? Map.of() : get(admin.listOffsets(req).all());
            long lag = 0;
            Map<String, Boolean> topics = new TreeMap<>();
            for (Map.Entry<TopicPartition, OffsetAndMetadata> e : committed.entrySet()) {
                if (e.getValue() == null) {
                    continue;
                }
                topics.put(e.getKey().topic(), true);
                lag += Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset());
            }
            out.add(new GroupLag(g, topics.keySet(), lag));
        }
        return out;
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> f) {
        try {
            return f.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within 20 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
