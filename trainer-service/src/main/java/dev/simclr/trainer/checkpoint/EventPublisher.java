package dev.simclr.trainer.checkpoint;

import dev.simclr.contracts.CheckpointEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes {@link CheckpointEvent}s (key = run id, value = JSON) with a plain idempotent producer and waits for the
 * acknowledgement, so the training thread knows the event is durable before it moves on. (A SmallRye emitter would add
 * a channel and a CDI dependency to the core loop for no gain.)
 *
 * <p>A send that fails with a retriable error (the broker is restarting: the producer's own retries ended at
 * {@code delivery.timeout.ms}) is sent again with backoff (1 s doubling to 30 s) until the outage tolerance has passed.
 * Events are at-least-once anyway: consumers deduplicate by run, step and manifest sha256.
 */
public final class EventPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);
    private static final Duration MIN_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final Duration tolerance;
    private final BooleanSupplier stopping;

    /**
     * Creates a publisher.
     *
     * @param producer an idempotent producer (shared; not closed here)
     * @param topic the checkpoints topic
     * @param tolerance how long a broker outage is ridden through
     * @param stopping true once the trainer shuts down: no more retries
     */
    public EventPublisher(
            Producer<byte[], byte[]> producer, String topic, Duration tolerance, BooleanSupplier stopping) {
        this.producer = producer;
        this.topic = topic;
        this.tolerance = tolerance;
        this.stopping = stopping;
    }

    /**
     * Sends one event and waits until the broker acknowledged it.
     *
     * @throws IllegalStateException when the send fails for good, or the broker stays away longer than the tolerance
     */
    public void publish(CheckpointEvent event) {
        long start = System.nanoTime();
        Duration backoff = MIN_BACKOFF;
        while (true) {
            Throwable cause;
            try {
                // completes within the producer's delivery.timeout.ms, with the record stored or an error
                producer.send(new ProducerRecord<>(
                                topic,
                                event.runId().getBytes(StandardCharsets.UTF_8),
                                event.toJson().getBytes(StandardCharsets.UTF_8)))
                        .get();
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(
                        "interrupted while publishing the checkpoint event of step " + event.step(), e);
            } catch (ExecutionException e) {
                cause = e.getCause();
            } catch (KafkaException e) {
                cause = e;
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            if (cause instanceof AuthorizationException) {
                throw new IllegalStateException(
                        "publishing the checkpoint event of step " + event.step() + " to " + topic
                                + " failed: the trainer's Kafka user may not write to " + topic + " ("
                                + cause.getMessage()
                                + "; see KafkaAccess for the trainer's ACLs)",
                        cause);
            }
            if (!(cause instanceof RetriableException)
                    || elapsed.compareTo(tolerance) >= 0
                    || stopping.getAsBoolean()) {
                throw new IllegalStateException(
                        "publishing the checkpoint event of step " + event.step() + " to " + topic
                                + " failed"
                                + (cause instanceof RetriableException ? " for " + elapsed.toSeconds() + " s" : "")
                                + ": " + cause,
                        cause);
            }
            LOG.warn(
                    "publishing the checkpoint event of step {} to {} failed for {} s ({}); the broker may be"
                            + " restarting: sending it again in {} s",
                    event.step(),
                    topic,
                    elapsed.toSeconds(),
                    cause.toString(),
                    backoff.toSeconds());
            try {
                Thread.sleep(backoff.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(
                        "interrupted while publishing the checkpoint event of step " + event.step(), e);
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }
}
