package dev.simclr.augmenter.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.simclr.contracts.ViewPair;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The loop dies between sending a batch and committing it (records already in the log); a restarted loop must still
 * leave exactly one pair per image per epoch visible to read_committed consumers.
 */
class CrashSafetyIT {

    private static LoopFixture fx;

    /** What a crash looks like to the loop: an Error nobody catches. */
    static final class SimulatedCrash extends Error {
        private static final long serialVersionUID = 1L;

        SimulatedCrash(String message) {
            super(message);
        }
    }

    @BeforeAll
    static void start() {
        // abort timed-out transactions quickly so the "new instance id" case does not wait 10 s for the sweep
        fx = new LoopFixture(Map.of("transaction.abort.timed.out.transaction.cleanup.interval.ms", "500"));
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @Test
    void restartWithTheSameInstanceIdFencesTheOpenTransaction() {
        crashThenRestart("crash-same", "pod-0", "pod-0");
    }

    @Test
    void restartWithANewInstanceIdWaitsForTheTransactionTimeout() {
        crashThenRestart("crash-new", "pod-a", "pod-b");
    }

    private void crashThenRestart(String run, String firstInstance, String secondInstance) {
        int n = 40;
        LoopFixture.TestTopics t = fx.topics(run, 2, 2);
        fx.push(t.images(), fx.images(run, n));
        AtomicBoolean crashed = new AtomicBoolean();
        LoopHooks crashAtBatch3 = new LoopHooks() {
            @Override
            public void beforeCommit(int epoch, long batch) {
                if (epoch == 0 && batch == 3 && crashed.compareAndSet(false, true)) {
                    throw new SimulatedCrash("killed between send and commit of batch 3");
                }
            }
        };
        AugmenterLoop first = new AugmenterLoop(
                fx.setup(run, 2, Map.of("transaction-timeout", "3s", "instance-id", firstInstance)),
                fx.tuning(t),
                fx.pipeline(f -> f),
                new SimpleMeterRegistry(),
                crashAtBatch3);
        first.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> !first.isAlive());
        assertThat(crashed).isTrue();
        first.close();
        assertThat(readUncommitted(t.views()).size())
                .as("the dead loop's last batch reached the log uncommitted")
                .isGreaterThan(2 * 5);

        try (AugmenterLoop second = new AugmenterLoop(
                fx.setup(run, 2, Map.of("transaction-timeout", "3s", "instance-id", secondInstance)),
                fx.tuning(t),
                fx.pipeline(f -> f),
                new SimpleMeterRegistry())) {
            second.start();
            List<ViewPair> views = fx.views(t.views(), 2 * n, Duration.ofSeconds(90));
            Map<Integer, List<String>> ids = views.stream()
                    .collect(Collectors.groupingBy(
                            ViewPair::epoch, Collectors.mapping(ViewPair::imageId, Collectors.toList())));
            assertThat(views).hasSize(2 * n);
            assertThat(ids.get(0)).hasSize(n).doesNotHaveDuplicates();
            assertThat(ids.get(1)).hasSize(n).doesNotHaveDuplicates();
        }
        assertThat(readUncommitted(t.views()).size())
                .as("the orphaned records exist but were aborted")
                .isGreaterThan(2 * n);
    }

    private List<ConsumerRecord<byte[], byte[]>> readUncommitted(String topic) {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, fx.kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            var parts = c.partitionsFor(topic).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition()))
                    .toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<org.apache.kafka.common.TopicPartition, Long> end = c.endOffsets(parts);
            List<ConsumerRecord<byte[], byte[]>> out = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline && parts.stream().anyMatch(p -> c.position(p) < end.get(p))) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            return out;
        }
    }
}
