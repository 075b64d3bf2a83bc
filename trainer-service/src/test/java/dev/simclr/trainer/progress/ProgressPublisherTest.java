package dev.simclr.trainer.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.simclr.contracts.TrainingProgress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class ProgressPublisherTest {

    private static final class Counts implements ProgressPublisher.Events {
        final AtomicInteger sent = new AtomicInteger();
        final Map<ProgressPublisher.Loss, AtomicInteger> lost = new ConcurrentHashMap<>();

        @Override
        public void sent() {
            sent.incrementAndGet();
        }

        @Override
        public void lost(ProgressPublisher.Loss reason) {
            lost.computeIfAbsent(reason, r -> new AtomicInteger()).incrementAndGet();
        }

        int count(ProgressPublisher.Loss reason) {
            AtomicInteger n = lost.get(reason);
            return n == null ? 0 : n.get();
        }
    }

    private static TrainingProgress progress(long step) {
        return TrainingProgress.builder()
                .setRunId("r1")
                .setStep(step)
                .setEpoch(0)
                .setSamplesSeen(4 * step)
                .setLoss(4.5)
                .setLr(0.1)
                .setViewsPerSecond(100)
                .setTotalSteps(100)
                .setCreatedAt(Instant.EPOCH)
                .build();
    }

    @Test
    void recordsAreSentWithTheRunIdAsKeyAndCounted() {
        MockProducer<byte[], byte[]> producer =
                new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        Counts counts = new Counts();
        try (ProgressPublisher p = new ProgressPublisher(producer, "simclr.progress", counts, "test-progress")) {
            p.offer(progress(10));
            p.offer(progress(20));
            await().atMost(Duration.ofSeconds(10)).until(() -> counts.sent.get() == 2);
        }
        assertThat(producer.history()).hasSize(2);
        ProducerRecord<byte[], byte[]> first = producer.history().get(0);
        assertThat(first.topic()).isEqualTo("simclr.progress");
        assertThat(new String(first.key(), StandardCharsets.UTF_8)).isEqualTo("r1");
        assertThat(TrainingProgress.fromJson(first.value())).isEqualTo(progress(10));
        assertThat(producer.closed()).as("its own producer is closed with it").isTrue();
    }

    @Test
    void failedSendsAreCountedNotRetried() {
        MockProducer<byte[], byte[]> producer =
                new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        Counts counts = new Counts();
        try (ProgressPublisher p = new ProgressPublisher(producer, "simclr.progress", counts, "test-progress")) {
            p.offer(progress(1));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> producer.history().size() == 1);
            producer.errorNext(new TimeoutException("broker gone"));
            assertThat(counts.count(ProgressPublisher.Loss.SEND_FAILED)).isEqualTo(1);
        }
        assertThat(counts.sent.get()).isZero();
        assertThat(producer.history()).hasSize(1);
    }

    @Test
    void aStuckBrokerNeverBlocksTheCallerItDropsAndCounts() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        MockProducer<byte[], byte[]> producer =
                new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()) {
                    @Override
                    public synchronized Future<RecordMetadata> send(
                            ProducerRecord<byte[], byte[]> record, Callback callback) {
                        try {
                            release.await(); // as KafkaProducer.send waiting for metadata of an unreachable broker
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return super.send(record, callback);
                    }
                };
        Counts counts = new Counts();
        ProgressPublisher p = new ProgressPublisher(producer, "simclr.progress", counts, "test-progress");
        long t0 = System.nanoTime();
        int offered = ProgressPublisher.CAPACITY + 20;
        for (int i = 1; i <= offered; i++) {
            p.offer(progress(i));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
        // one record is inside the stuck send, CAPACITY wait in the queue, the rest are dropped
        await().atMost(Duration.ofSeconds(5)).until(() -> counts.count(ProgressPublisher.Loss.DROPPED) >= 19);
        assertThat(counts.count(ProgressPublisher.Loss.DROPPED)).isBetween(19, 20);
        release.countDown();
        p.close();
        assertThat(counts.sent.get() + counts.count(ProgressPublisher.Loss.DROPPED))
                .isEqualTo(offered);
        p.offer(progress(999));
        assertThat(counts.count(ProgressPublisher.Loss.DROPPED))
                .as("after close")
                .isBetween(20, 21);
    }
}
