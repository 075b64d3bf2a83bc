package dev.simclr.trainer.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.contracts.CheckpointEvent;
import java.time.Instant;
import java.util.Set;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class EventPublisherTest {

    private static final CheckpointEvent EVENT = new CheckpointEvent(
            "r1", 5, 0, 80, 3.2, "s3://simclr/r1/step-5/", "a".repeat(64), Instant.parse("2026-12-06T08:00:00Z"));

    @Test
    void aMissingWriteAclIsNamedAsSuch() {
        MockProducer<byte[], byte[]> producer =
                new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        EventPublisher publisher =
                new EventPublisher(producer, "simclr.images", java.time.Duration.ofMinutes(10), () -> false);
        Thread failer = new Thread(() -> {
            while (!producer.errorNext(new TopicAuthorizationException(Set.of("simclr.images")))) {
                Thread.onSpinWait();
            }
        });
        failer.start();
        assertThatThrownBy(() -> publisher.publish(EVENT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("publishing the checkpoint event of step 5 to simclr.images failed: the"
                        + " trainer's Kafka user may not write to simclr.images (Not authorized to access topics:"
                        + " [simclr.images]")
                .hasCauseInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void aSuccessfulSendIsAcknowledgedBeforePublishReturns() {
        MockProducer<byte[], byte[]> producer =
                new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        new EventPublisher(producer, "simclr.checkpoints", java.time.Duration.ofMinutes(10), () -> false)
                .publish(EVENT);
        assertThat(producer.history()).singleElement().satisfies(r -> {
            assertThat(r.topic()).isEqualTo("simclr.checkpoints");
            assertThat(new String(r.key())).isEqualTo("r1");
        });
    }
}
