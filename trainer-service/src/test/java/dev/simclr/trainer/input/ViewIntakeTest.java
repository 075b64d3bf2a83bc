package dev.simclr.trainer.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.simclr.contracts.DeadLetter;
import dev.simclr.contracts.EncodedViewPair;
import dev.simclr.trainer.testing.Views;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ViewIntakeTest {

    private static final String TOPIC = "simclr.views";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("none");
    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final List<String> events = new CopyOnWriteArrayList<>();
    private Thread thread;
    private ViewIntake intake;

    @org.junit.jupiter.api.BeforeEach
    void assign() {
        consumer.assign(List.of(P0, P1));
        consumer.seek(P0, 0);
        consumer.seek(P1, 0);
    }

    private ViewIntake start(BlockingQueue<PairBatch> queue, int batchSize) {
        IntakeEvents recorder = new IntakeEvents() {
            @Override
            public void deadLettered(DeadLetter.Reason reason) {
                events.add("dead:" + reason.code());
            }

            @Override
            public void skippedOtherRun(String otherRunId) {
                events.add("skipped:" + otherRunId);
            }

            @Override
            public void paused(boolean paused) {
                events.add(paused ? "paused" : "resumed");
            }

            @Override
            public void polled(int records) {}
        };
        intake = new ViewIntake(
                consumer,
                TOPIC,
                new ViewTriage("r1", 8, 1, "pad"),
                new DeadLetterSink(producer, TOPIC + ".dlq", Clock.systemUTC()),
                new PairBatcher(batchSize, Duration.ofHours(1), Map.of(0, 0L, 1, 0L)),
                queue,
                recorder);
        thread = new Thread(intake, "intake-test");
        thread.start();
        return intake;
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (intake != null) {
            intake.stop();
            thread.join(5000);
        }
    }

    @Test
    void pausesWhenTheQueueIsFullResumesWhenDrainedAndLosesNothing() throws Exception {
        consumer.setMaxPollRecords(2);
        for (int i = 0; i < 12; i++) {
            consumer.addRecord(Views.record(TOPIC, 0, i, Views.encoded("p" + i, 8, 1, i), "r1"));
        }
        BlockingQueue<PairBatch> queue = new ArrayBlockingQueue<>(1);
        start(queue, 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.paused().contains(P0));
        assertThat(events).contains("paused");
        // paused: the loop keeps polling but takes no more records while the training side is busy
        Thread.sleep(500);
        assertThat(consumer.position(P0)).isLessThan(12);

        List<String> ids = new ArrayList<>();
        long lastOffset = -1;
        while (ids.size() < 12) {
            PairBatch b = queue.poll(10, TimeUnit.SECONDS);
            assertThat(b).as("batch after %s", ids).isNotNull();
            b.pairs().forEach(p -> ids.add(p.imageId()));
            lastOffset = b.offsets().get(0);
        }
        assertThat(ids).containsExactly("p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9", "p10", "p11");
        assertThat(lastOffset).isEqualTo(12);
        await().atMost(Duration.ofSeconds(5)).until(() -> consumer.paused().isEmpty());
        assertThat(events).contains("resumed");
    }

    @Test
    void deadLettersCarryTheReasonAndSourceAndOtherRunsAreSkipped() throws Exception {
        consumer.addRecord(Views.record(TOPIC, 1, 0, new byte[] {1, 2, 3}, "r1"));
        consumer.addRecord(Views.record(TOPIC, 1, 1, Views.encoded("other", 8, 1, 1), "r2"));
        consumer.addRecord(Views.record(TOPIC, 0, 0, Views.encoded("a", 8, 1, 1), "r1"));
        consumer.addRecord(Views.record(TOPIC, 0, 1, Views.encoded("wide", 16, 1, 1), "r1"));
        consumer.addRecord(Views.record(TOPIC, 0, 2, Views.encoded("b", 8, 1, 2), null));
        consumer.addRecord(Views.record(TOPIC, 1, 2, Views.encoded("c", 8, 1, 3), "r1"));
        BlockingQueue<PairBatch> queue = new ArrayBlockingQueue<>(4);
        start(queue, 3);
        PairBatch b = queue.poll(10, TimeUnit.SECONDS);
        assertThat(b).isNotNull();
        assertThat(b.pairs()).extracting(EncodedViewPair::imageId).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(b.offsets()).isEqualTo(Map.of(0, 3L, 1, 3L));
        assertThat(b.deadLettered()).isEqualTo(2);
        assertThat(b.skippedOtherRun()).isEqualTo(1);
        assertThat(events).containsExactlyInAnyOrder("dead:unparseable", "skipped:r2", "dead:wrong-shape");

        List<ProducerRecord<byte[], byte[]>> dlq = producer.history();
        assertThat(dlq).hasSize(2);
        ProducerRecord<byte[], byte[]> first = dlq.stream()
                .filter(r -> header(r, DeadLetter.SOURCE_PARTITION).equals("1"))
                .findFirst()
                .orElseThrow();
        ProducerRecord<byte[], byte[]> wide = dlq.stream()
                .filter(r -> header(r, DeadLetter.SOURCE_PARTITION).equals("0"))
                .findFirst()
                .orElseThrow();
        assertThat(first.topic()).isEqualTo("simclr.views.dlq");
        assertThat(first.value()).containsExactly(1, 2, 3);
        assertThat(header(first, DeadLetter.REASON_CODE)).isEqualTo("unparseable");
        assertThat(header(first, DeadLetter.SOURCE_TOPIC)).isEqualTo(TOPIC);
        assertThat(header(first, DeadLetter.SOURCE_PARTITION)).isEqualTo("1");
        assertThat(header(first, DeadLetter.SOURCE_OFFSET)).isEqualTo("0");
        assertThat(header(first, "simclr.run.id")).isEqualTo("r1");
        assertThat(header(wide, DeadLetter.REASON_CODE)).isEqualTo("wrong-shape");
        assertThat(header(wide, DeadLetter.SOURCE_OFFSET)).isEqualTo("1");
        assertThat(header(wide, DeadLetter.REASON)).contains("16x16x1", "8x8x1");
    }

    @Test
    void commitsTheTrainedPositionOnRequest() {
        start(new ArrayBlockingQueue<>(1), 2);
        intake.requestCommit(Map.of(0, 7L, 1, 3L));
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(consumer.committed(Set.of(P0, P1)))
                        .containsEntry(P0, new OffsetAndMetadata(7L))
                        .containsEntry(P1, new OffsetAndMetadata(3L)));
    }

    private static String header(ProducerRecord<byte[], byte[]> r, String key) {
        return new String(r.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
    }
}
