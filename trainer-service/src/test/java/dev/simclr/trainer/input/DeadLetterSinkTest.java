package dev.simclr.trainer.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.contracts.DeadLetter;
import dev.simclr.trainer.testing.Views;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class DeadLetterSinkTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    @Test
    void flushSucceedsWhenEverySendWasAcknowledged() {
        MockProducer<byte[], byte[]> producer =
                new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        DeadLetterSink sink = new DeadLetterSink(producer, "simclr.views.dlq", CLOCK);
        sink.send(
                Views.record("simclr.views", 2, 41, new byte[] {9}, "r"),
                new ViewTriage.Rejected(DeadLetter.Reason.UNPARSEABLE, "view pair: bad magic", null));
        sink.flush();
        assertThat(sink.sent()).isEqualTo(1);
        var r = producer.history().get(0);
        assertThat(r.key()).isEqualTo("k41".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(r.headers().lastHeader(DeadLetter.FAILED_AT).value(), StandardCharsets.UTF_8))
                .isEqualTo("2026-01-02T03:04:05Z");
        assertThat(new String(r.headers().lastHeader(DeadLetter.REASON).value(), StandardCharsets.UTF_8))
                .isEqualTo("view pair: bad magic");
    }

    @Test
    void aFailedSendFailsTheNextFlushSoNoCheckpointCountsIt() {
        MockProducer<byte[], byte[]> producer =
                new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        DeadLetterSink sink = new DeadLetterSink(producer, "simclr.views.dlq", CLOCK);
        sink.send(
                Views.record("simclr.views", 0, 0, new byte[] {1}, null),
                new ViewTriage.Rejected(DeadLetter.Reason.UNPARSEABLE, "x", null));
        producer.errorNext(new IllegalStateException("broker down"));
        assertThatThrownBy(sink::flush).hasMessageContaining("could not be written: broker down");
    }
}
