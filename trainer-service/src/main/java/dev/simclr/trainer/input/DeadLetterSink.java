package dev.simclr.trainer.input;

import dev.simclr.contracts.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Sends rejected records to the dead-letter topic: key, value and headers of the source record plus the
 * {@link DeadLetter} headers. Sends are asynchronous; {@link #flush()} waits for all of them and fails if any failed,
 * so a checkpoint never counts a dead letter that was not written. Thread-safe (the polling thread sends, the training
 * thread flushes).
 */
public final class DeadLetterSink {

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final Clock clock;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final AtomicLong sent = new AtomicLong();

    /**
     * Creates a sink.
     *
     * @param producer an idempotent producer (shared; not closed by this sink)
     * @param topic the dead-letter topic, e.g. {@code simclr.views.dlq}
     * @param clock for the failed-at header
     */
    public DeadLetterSink(Producer<byte[], byte[]> producer, String topic, Clock clock) {
        this.producer = producer;
        this.topic = topic;
        this.clock = clock;
    }

    /**
     * Sends one dead letter.
     *
     * @param source the rejected record
     * @param rejection why
     */
    public void send(ConsumerRecord<byte[], byte[]> source, ViewTriage.Rejected rejection) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : source.headers()) {
            if (!h.key().startsWith("dlq.")) {
                headers.add(h);
            }
        }
        DeadLetter.headers(
                        rejection.reason(),
                        rejection.message(),
                        rejection.failure(),
                        source.topic(),
                        source.partition(),
                        source.offset(),
                        clock.instant())
                .forEach((k, v) -> headers.add(k, v.getBytes(StandardCharsets.UTF_8)));
        producer.send(new ProducerRecord<>(topic, null, source.key(), source.value(), headers), (meta, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            }
        });
        sent.incrementAndGet();
    }

    /**
     * Waits until every dead letter sent so far is acknowledged.
     *
     * @throws IllegalStateException if any send failed since the start (the process must restart from its last
     *     checkpoint, which re-reads and re-sends those records)
     */
    public void flush() {
        producer.flush();
        Exception e = failure.get();
        if (e != null) {
            throw new IllegalStateException(
                    "a dead letter to " + topic + " could not be written: " + e.getMessage(), e);
        }
    }

    /** Returns the number of dead letters sent by this process. */
    public long sent() {
        return sent.get();
    }
}
