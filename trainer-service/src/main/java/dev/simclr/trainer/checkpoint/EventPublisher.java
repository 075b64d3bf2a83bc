package dev.simclr.trainer.checkpoint;

import dev.simclr.contracts.CheckpointEvent;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * Publishes {@link CheckpointEvent}s (key = run id, value = JSON) with a plain idempotent producer and
 * waits for the acknowledgement, so the training thread knows the event is durable before it moves
 * on. (A SmallRye emitter would add a channel and a CDI dependency to the core loop for no gain.)
 */
public final class EventPublisher {

    private static final long TIMEOUT_SECONDS = 60;

    private final Producer<byte[], byte[]> producer;
    private final String topic;

    /**
     * Creates a publisher.
     *
     * @param producer an idempotent producer (shared; not closed here)
     * @param topic the checkpoints topic
     */
    public EventPublisher(Producer<byte[], byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    /**
     * Sends one event and waits until the broker acknowledged it.
     *
     * @throws IllegalStateException when the send fails or times out
     */
    public void publish(CheckpointEvent event) {
        try {
            producer.send(new ProducerRecord<>(topic, event.runId().getBytes(StandardCharsets.UTF_8),
                    event.toJson().getBytes(StandardCharsets.UTF_8))).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing the checkpoint event of step " + event.step(), e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            if (cause instanceof AuthorizationException) {
                throw new IllegalStateException("publishing the checkpoint event of step " + event.step() + " to " + topic
                        + " failed: the trainer's Kafka user may not write to " + topic + " (" + cause.getMessage()
                        + "; see KafkaAccess for the trainer's ACLs)", cause);
            }
            throw new IllegalStateException("publishing the checkpoint event of step " + event.step() + " to " + topic
                    + " failed: " + cause, cause);
        }
    }
}
