package dev.simclr.augmenter.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.simclr.augment.pipeline.ImagePipeline;
import dev.simclr.augmenter.config.AugmenterSetup;
import dev.simclr.augmenter.testing.KafkaIo;
import dev.simclr.contracts.ViewPair;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Refs of the excluded split ({@code test}) produce no view pair and no dead letter, are counted, and their offsets are
 * committed like any other outcome, so the epoch completes.
 */
class SplitExclusionIT {

    private static LoopFixture fx;

    @BeforeAll
    static void start() {
        fx = new LoopFixture(Map.of());
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @Test
    void testSplitRefsAreSkippedCountedAndCommitted() {
        LoopFixture.TestTopics t = fx.topics("splits", 2, 2);
        Map<String, String> files = fx.images("img", 12);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        List<String> train = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, String> f : files.entrySet()) {
            String split = i % 3 == 0 ? "train" : i % 3 == 1 ? "test" : null;
            String value = split == null
                    ? f.getValue()
                    : "{\"uri\":\"" + f.getValue() + "\",\"split\":\"" + split + "\",\"label\":" + (i % 10) + "}";
            records.add(KafkaIo.record(t.images(), f.getKey(), value));
            if (!"test".equals(split)) {
                train.add(f.getKey());
            }
            i++;
        }
        // a test ref whose image does not exist: still excluded, not dead-lettered (nothing is fetched)
        records.add(KafkaIo.record(
                t.images(), "gone", "{\"uri\":\"" + fx.dir.resolve("gone.png").toUri() + "\",\"split\":\"test\"}"));
        ImagePipeline pipeline = fx.pipeline(f -> f);
        AugmenterSetup setup = fx.setup("splits", 1, Map.of("instance-id", "solo"));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (AugmenterLoop loop = new AugmenterLoop(setup, fx.tuning(t), pipeline, registry)) {
            loop.start();
            KafkaIo.produce(fx.kafka.bootstrapServers(), records);

            List<ViewPair> views = fx.views(t.views(), train.size(), Duration.ofSeconds(60));
            assertThat(views).extracting(ViewPair::imageId).containsExactlyInAnyOrderElementsOf(train);
            await().atMost(Duration.ofSeconds(30)).until(() -> loop.status().epochDone() == 13);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", fx.kafka.bootstrapServers()))) {
                EpochStatus epoch0 =
                        new EpochGroups(new OffsetQueries(admin, Duration.ofSeconds(10)), setup, t.images()).status(0);
                assertThat(epoch0.complete())
                        .as("every offset committed, excluded ones included")
                        .isTrue();
                assertThat(epoch0.done()).isEqualTo(13);
            }
            assertThat(KafkaIo.readCommitted(
                            fx.kafka.bootstrapServers(), t.dlq(), r -> true, 0, Duration.ofSeconds(1), Duration.ZERO))
                    .as("excluded refs are not dead letters")
                    .isEmpty();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(registry.get("simclr.augmenter.split.excluded")
                                .tag("split", "test")
                                .counter()
                                .count())
                        .isEqualTo(5.0);
                assertThat(registry.get("simclr.augmenter.images.in").counter().count())
                        .isEqualTo(13.0);
            });
            assertThat(registry.get("simclr.augmenter.pairs.out").counter().count())
                    .isEqualTo(train.size());
            assertThat(registry.get("simclr.augmenter.dead.letters").counters()).allMatch(c -> c.count() == 0);
        }
    }
}
