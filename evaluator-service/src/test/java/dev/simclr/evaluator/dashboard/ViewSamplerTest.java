package dev.simclr.evaluator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.contracts.ViewPair;
import dev.simclr.contracts.ViewPairCodec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class ViewSamplerTest {

    private static final String TOPIC = "simclr.views";

    private static byte[] pair(String id) {
        return ViewPairCodec.encode(new ViewPair(id, 0, 1, 2, 2, 1, new byte[] {1, 2, 3, 4}, new byte[] {5, 6, 7, 8}));
    }

    private static ConsumerRecord<byte[], byte[]> record(int partition, long offset, long timestamp, byte[] value) {
        return new ConsumerRecord<>(
                TOPIC,
                partition,
                offset,
                timestamp,
                TimestampType.CREATE_TIME,
                0,
                value.length,
                null,
                value,
                new RecordHeaders(),
                Optional.empty());
    }

    /** Two partitions: p0 holds offsets 0..9 (timestamps 0..9), p1 offsets 5..7 (timestamps 100..102, the newest). */
    private final long[] seekedTo = new long[2];

    private MockConsumer<byte[], byte[]> consumer(byte[] brokenAtP1Offset6) {
        MockConsumer<byte[], byte[]> c = new MockConsumer<>("earliest");
        TopicPartition p0 = new TopicPartition(TOPIC, 0);
        TopicPartition p1 = new TopicPartition(TOPIC, 1);
        c.updatePartitions(
                TOPIC,
                List.of(new PartitionInfo(TOPIC, 0, null, null, null), new PartitionInfo(TOPIC, 1, null, null, null)));
        c.updateBeginningOffsets(Map.of(p0, 0L, p1, 5L));
        c.updateEndOffsets(Map.of(p0, 10L, p1, 8L));
        c.schedulePollTask(() -> {
            seekedTo[0] = c.position(p0);
            seekedTo[1] = c.position(p1);
            for (long o = 0; o < 10; o++) {
                if (o >= c.position(p0)) {
                    c.addRecord(record(0, o, o, pair("a" + o)));
                }
            }
            for (long o = 5; o < 8; o++) {
                if (o >= c.position(p1)) {
                    c.addRecord(record(
                            1,
                            o,
                            100 + o - 5,
                            o == 6 && brokenAtP1Offset6 != null ? brokenAtP1Offset6 : pair("b" + o)));
                }
            }
        });
        return c;
    }

    @Test
    void theNewestPairsAcrossPartitionsComeFirstAndOnlyTheTailIsRead() {
        MockConsumer<byte[], byte[]> c = consumer(null);
        ViewSampler sampler = new ViewSampler(() -> c, TOPIC, Duration.ofSeconds(5));
        ViewSampler.Result r = sampler.sample(4);
        assertThat(r.topicExists()).isTrue();
        assertThat(r.skipped()).isZero();
        assertThat(r.samples()).extracting(s -> s.pair().imageId()).containsExactly("b7", "b6", "b5", "a9");
        assertThat(r.samples().get(0).partition()).isEqualTo(1);
        assertThat(r.samples().get(0).offset()).isEqualTo(7);
        assertThat(seekedTo).as("end - n, not before the beginning").containsExactly(6L, 5L);
        assertThat(c.closed()).as("short-lived").isTrue();
    }

    @Test
    void recordsThatAreNotViewPairsAreSkippedAndCounted() {
        MockConsumer<byte[], byte[]> c = consumer(new byte[] {1, 2, 3});
        ViewSampler.Result r = new ViewSampler(() -> c, TOPIC, Duration.ofSeconds(5)).sample(3);
        assertThat(r.skipped()).isEqualTo(1);
        assertThat(r.samples()).extracting(s -> s.pair().imageId()).containsExactly("b7", "b5", "a9");
    }

    @Test
    void aMissingTopicGivesAnEmptyResultAndABadCountIsRefused() {
        MockConsumer<byte[], byte[]> c = new MockConsumer<>("earliest");
        ViewSampler.Result r = new ViewSampler(() -> c, TOPIC, Duration.ofSeconds(1)).sample(8);
        assertThat(r.topicExists()).isFalse();
        assertThat(r.samples()).isEmpty();
        assertThatThrownBy(() -> new ViewSampler(() -> c, TOPIC, Duration.ofSeconds(1)).sample(0))
                .hasMessage("n must be >= 1, got 0");
    }
}
