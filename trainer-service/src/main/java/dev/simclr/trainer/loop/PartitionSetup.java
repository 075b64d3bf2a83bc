package dev.simclr.trainer.loop;

import dev.simclr.contracts.CheckpointManifest;
import dev.simclr.trainer.checkpoint.ResumePlan;
import dev.simclr.trainer.checkpoint.SeekTarget;
import dev.simclr.trainer.checkpoint.StartFrom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assigns every partition of the views topic to the consumer and positions each one by the {@link ResumePlan}; returns
 * the resolved positions (the start of the lineage's offsets).
 */
final class PartitionSetup {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionSetup.class);

    private PartitionSetup() {}

    static Map<Integer, Long> assignAndSeek(
            Consumer<byte[], byte[]> consumer,
            String topic,
            Optional<CheckpointManifest> checkpoint,
            StartFrom startFrom,
            BooleanSupplier keepWaiting)
            throws InterruptedException {
        List<Integer> partitions = partitions(consumer, topic, keepWaiting);
        Map<Integer, SeekTarget> plan = ResumePlan.plan(topic, partitions, checkpoint, startFrom);
        List<TopicPartition> all = new ArrayList<>();
        partitions.forEach(p -> all.add(new TopicPartition(topic, p)));
        consumer.assign(all);
        List<TopicPartition> beginning = new ArrayList<>();
        List<TopicPartition> end = new ArrayList<>();
        plan.forEach((p, target) -> {
            TopicPartition tp = new TopicPartition(topic, p);
            if (target instanceof SeekTarget.At at) {
                consumer.seek(tp, at.offset());
            } else if (target instanceof SeekTarget.End) {
                end.add(tp);
            } else {
                beginning.add(tp);
            }
        });
        if (!beginning.isEmpty()) {
            consumer.seekToBeginning(beginning);
        }
        if (!end.isEmpty()) {
            consumer.seekToEnd(end);
        }
        Map<Integer, Long> positions = new TreeMap<>();
        for (TopicPartition tp : all) {
            positions.put(tp.partition(), consumer.position(tp, Duration.ofSeconds(60)));
        }
        LOG.info("assigned {} partition(s) of {}: plan {}, positions {}", all.size(), topic, plan, positions);
        return positions;
    }

    private static List<Integer> partitions(
            Consumer<byte[], byte[]> consumer, String topic, BooleanSupplier keepWaiting) throws InterruptedException {
        long warned = 0;
        while (true) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos != null && !infos.isEmpty()) {
                List<Integer> ps = new ArrayList<>();
                infos.forEach(i -> ps.add(i.partition()));
                ps.sort(null);
                return ps;
            }
            if (!keepWaiting.getAsBoolean()) {
                throw new InterruptedException("stopped while waiting for topic " + topic);
            }
            if (System.nanoTime() - warned > 60_000_000_000L) {
                LOG.warn("topic {} does not exist yet; waiting for it (create it, or start the augmenter)", topic);
                warned = System.nanoTime();
            }
            Thread.sleep(1000);
        }
    }
}
