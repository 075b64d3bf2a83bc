package dev.simclr.augmenter.loop;

import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs assignments, keeps the pause state on newly assigned partitions and the assignment count current. Nothing else
 * is needed: transactions are committed before the next poll, so no batch is in flight when partitions move.
 */
final class RebalanceListener implements ConsumerRebalanceListener {

    private static final Logger LOG = LoggerFactory.getLogger(AugmenterLoop.class);

    private final Consumer<byte[], byte[]> consumer;
    private final int epoch;
    private final PauseControl pause;
    private final LoopStatus status;

    RebalanceListener(Consumer<byte[], byte[]> consumer, int epoch, PauseControl pause, LoopStatus status) {
        this.consumer = consumer;
        this.epoch = epoch;
        this.pause = pause;
        this.status = status;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        status.assignedPartitions(consumer.assignment().size());
        if (!partitions.isEmpty()) {
            LOG.info("epoch {}: assigned {}", epoch, partitions);
            pause.apply(consumer);
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        status.assignedPartitions(Math.max(0, consumer.assignment().size() - partitions.size()));
        if (!partitions.isEmpty()) {
            LOG.info("epoch {}: revoked {}", epoch, partitions);
        }
    }
}
