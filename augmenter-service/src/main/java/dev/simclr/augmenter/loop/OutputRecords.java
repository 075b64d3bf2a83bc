package dev.simclr.augmenter.loop;

import dev.simclr.augment.pipeline.Outcome;
import dev.simclr.contracts.DeadLetter;
import dev.simclr.contracts.ViewPair;
import dev.simclr.contracts.ViewPairCodec;
import dev.simclr.contracts.ViewPairHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Builds the records the augmenter writes: view pairs and dead letters. */
public final class OutputRecords {

    /** Header on every view pair: the run id (UTF-8). */
    public static final String RUN_ID_HEADER = ViewPairHeaders.RUN_ID;
    /** Header on every view pair: the epoch (decimal, UTF-8). */
    public static final String EPOCH_HEADER = ViewPairHeaders.EPOCH;
    /** Header on every view pair: the canvas the views were cropped from (e.g. {@code pad}). */
    public static final String FIT_HEADER = ViewPairHeaders.FIT;

    private OutputRecords() {}

    /** A view pair record: key = image id, value = {@link ViewPairCodec} bytes, run id and epoch headers. */
    public static ProducerRecord<byte[], byte[]> viewPair(String topic, ViewPair pair, String runId) {
        return viewPair(topic, pair, runId, null);
    }

    /**
     * {@link #viewPair(String, ViewPair, String)} plus the canvas header {@value #FIT_HEADER} when {@code fit} is
     * given.
     */
    public static ProducerRecord<byte[], byte[]> viewPair(String topic, ViewPair pair, String runId, String fit) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(RUN_ID_HEADER, utf8(runId));
        headers.add(EPOCH_HEADER, utf8(Integer.toString(pair.epoch())));
        if (fit != null) {
            headers.add(FIT_HEADER, utf8(fit));
        }
        return new ProducerRecord<>(topic, null, utf8(pair.imageId()), ViewPairCodec.encode(pair), headers);
    }

    /**
     * A dead letter: the source record's key, value and headers unchanged, plus the {@link DeadLetter} headers (reason,
     * reason code, exception class, source topic/partition/offset, failed-at).
     */
    public static ProducerRecord<byte[], byte[]> deadLetter(
            String dlqTopic, ConsumerRecord<byte[], byte[]> source, Outcome.Dead dead, Instant failedAt) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : source.headers()) {
            if (!h.key().startsWith("dlq.")) {
                headers.add(h);
            }
        }
        Map<String, String> dlq = DeadLetter.headers(
                dead.reason(),
                dead.message(),
                dead.failure(),
                source.topic(),
                source.partition(),
                source.offset(),
                failedAt);
        dlq.forEach((k, v) -> headers.add(k, utf8(v)));
        return new ProducerRecord<>(dlqTopic, null, source.key(), source.value(), headers);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
