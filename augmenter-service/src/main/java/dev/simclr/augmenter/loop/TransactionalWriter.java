package dev.simclr.augmenter.loop;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one batch per Kafka transaction: begin, send every output, add the consumed offsets with the consumer's group
 * metadata (KIP-447 fencing), commit. On any failure the transaction is aborted; if even the abort fails (fenced, fatal
 * producer state) the producer is dropped and a new one is created — and initialised, which fences the old one — before
 * the next batch.
 */
final class TransactionalWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionalWriter.class);

    private final Supplier<Producer<byte[], byte[]>> factory;
    private final LoopHooks hooks;
    private Producer<byte[], byte[]> producer;

    TransactionalWriter(Supplier<Producer<byte[], byte[]>> factory, LoopHooks hooks) {
        this.factory = factory;
        this.hooks = hooks;
    }

    /** Creates and initialises the producer if there is none (blocks until the broker answers). */
    void ensureReady() {
        if (producer == null) {
            Producer<byte[], byte[]> p = factory.get();
            try {
                p.initTransactions();
            } catch (RuntimeException e) {
                p.close(Duration.ZERO);
                throw e;
            }
            producer = p;
        }
    }

    /**
     * Sends {@code outputs} and commits {@code offsets} atomically.
     *
     * @return true if committed; false if aborted (nothing of the batch is visible to read_committed consumers)
     */
    boolean commit(
            List<ProducerRecord<byte[], byte[]>> outputs,
            Map<TopicPartition, OffsetAndMetadata> offsets,
            ConsumerGroupMetadata group,
            int epoch,
            long batch) {
        ensureReady();
        try {
            producer.beginTransaction();
            for (ProducerRecord<byte[], byte[]> r : outputs) {
                producer.send(r);
            }
            producer.flush(); // the commit would flush anyway; doing it first puts the records in the log before the
            // hook
            producer.sendOffsetsToTransaction(offsets, group);
            hooks.beforeCommit(epoch, batch);
            producer.commitTransaction();
            return true;
        } catch (RuntimeException e) {
            LOG.warn(
                    "transaction of batch {} (epoch {}, {} records) failed, aborting: {}",
                    batch,
                    epoch,
                    outputs.size(),
                    e.toString());
            abortOrDrop();
            return false;
        }
    }

    private void abortOrDrop() {
        try {
            producer.abortTransaction();
        } catch (RuntimeException abortFailure) {
            LOG.warn("abort failed ({}); recreating the producer", abortFailure.toString());
            drop(Duration.ZERO);
        }
    }

    /** Drops the producer without waiting (a crash-like close: an open transaction is left to be fenced). */
    void drop(Duration timeout) {
        Producer<byte[], byte[]> p = producer;
        producer = null;
        if (p != null) {
            try {
                p.close(timeout);
            } catch (RuntimeException e) {
                LOG.debug("closing the producer failed: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        drop(Duration.ofSeconds(5));
    }
}
