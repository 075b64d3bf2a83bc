package dev.simclr.augmenter.loop;

import dev.simclr.contracts.DeadLetter;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The result of processing one poll: the records to write and the offsets to commit with them, in one transaction. Per
 * partition, processing stops at the first record whose store was unavailable: its offset is in {@code retryFrom} (seek
 * there after the commit) and nothing after it is written or committed.
 *
 * @param outputs view pairs and dead letters, in source order per partition
 * @param offsets next offset to consume, per partition that advanced
 * @param retryFrom per partition, the first record to process again
 * @param consumed records that reached an outcome other than "unavailable"
 * @param pairs view pairs among the outputs
 * @param skipped tombstones
 * @param excluded refs skipped because their split is excluded, by split
 * @param deadLetters dead letters by reason
 * @param unavailableReason why the store was unavailable (empty when it was not)
 */
record PollOutcome(
        List<ProducerRecord<byte[], byte[]>> outputs,
        Map<TopicPartition, OffsetAndMetadata> offsets,
        Map<TopicPartition, Long> retryFrom,
        int consumed,
        int pairs,
        int skipped,
        Map<String, Integer> excluded,
        Map<DeadLetter.Reason, Integer> deadLetters,
        String unavailableReason) {

    /** Whether anything must be committed. */
    boolean hasWork() {
        return !offsets.isEmpty();
    }

    /** Records deferred because the store was unavailable (their partition's remaining records in this poll). */
    boolean deferred() {
        return !retryFrom.isEmpty();
    }
}
