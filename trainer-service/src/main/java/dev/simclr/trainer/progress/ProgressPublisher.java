package dev.simclr.trainer.progress;

import dev.simclr.contracts.TrainingProgress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@link TrainingProgress} records (key = run id) fire-and-forget. The training thread only {@link #offer}s to a
 * small bounded queue, which never blocks: a full queue drops the record. A sender thread of its own hands records to a
 * producer of its own, so a missing topic or an unreachable broker (where {@code send} may block for metadata) never
 * reaches the training thread or the producer of checkpoint events. Every lost record is counted with a reason.
 */
public final class ProgressPublisher implements AutoCloseable {

    /** Why a record was lost. */
    public enum Loss {
        /** The queue was full (the sender is stuck on the broker). */
        DROPPED("dropped"),
        /** The producer refused or failed to deliver it. */
        SEND_FAILED("send-failed");

        private final String code;

        Loss(String code) {
            this.code = code;
        }

        /** Returns the metric tag value. */
        public String code() {
            return code;
        }
    }

    /** Outcomes, for metrics. Called on the sender's or the producer's threads. */
    public interface Events {
        /** A record was acknowledged by the broker. */
        void sent();

        /** A record was lost. */
        void lost(Loss reason);
    }

    /** Records waiting for the sender at most. */
    public static final int CAPACITY = 64;

    private static final Logger LOG = LoggerFactory.getLogger(ProgressPublisher.class);

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final Events events;
    private final BlockingQueue<TrainingProgress> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Thread sender;
    private volatile boolean closed;
    private volatile boolean warned;

    /**
     * Starts the sender thread.
     *
     * @param producer a producer used only for progress (closed by {@link #close()})
     * @param topic the progress topic
     * @param events outcome counters
     * @param threadName the sender thread's name
     */
    public ProgressPublisher(Producer<byte[], byte[]> producer, String topic, Events events, String threadName) {
        this.producer = producer;
        this.topic = topic;
        this.events = events;
        this.sender = new Thread(this::run, threadName);
        this.sender.setDaemon(true);
        this.sender.start();
    }

    /** Hands a record to the sender; never blocks (a full queue drops it). */
    public void offer(TrainingProgress progress) {
        if (closed || !queue.offer(progress)) {
            events.lost(Loss.DROPPED);
        }
    }

    private void run() {
        while (!closed || !queue.isEmpty()) {
            TrainingProgress p;
            try {
                p = queue.poll(250, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (p != null) {
                send(p);
            }
        }
    }

    private void send(TrainingProgress p) {
        try {
            producer.send(
                    new ProducerRecord<>(
                            topic,
                            p.runId().getBytes(StandardCharsets.UTF_8),
                            p.toJson().getBytes(StandardCharsets.UTF_8)),
                    (metadata, error) -> {
                        if (error == null) {
                            events.sent();
                        } else {
                            failed(error);
                        }
                    });
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private void failed(Exception e) {
        events.lost(Loss.SEND_FAILED);
        if (!warned) {
            warned = true;
            LOG.warn(
                    "progress records to {} are being lost (training is not affected; further failures are only"
                            + " counted in simclr_trainer_progress_failures_total): {}",
                    topic,
                    e.toString());
        }
    }

    /** Sends what is queued (up to a few seconds), then stops the sender and closes the producer. */
    @Override
    public void close() {
        closed = true;
        try {
            sender.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sender.interrupt();
        producer.close(Duration.ofSeconds(5));
    }
}
