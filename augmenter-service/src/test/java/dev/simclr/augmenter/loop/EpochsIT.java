package dev.simclr.augmenter.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.simclr.augment.ViewSeeds;
import dev.simclr.augment.fetch.FetchException;
import dev.simclr.augment.pipeline.ImagePipeline;
import dev.simclr.augmenter.config.AugmenterSetup;
import dev.simclr.augmenter.testing.KafkaIo;
import dev.simclr.contracts.ViewPair;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A 2-epoch run over N images: exactly 2N pairs, N per epoch, fresh views in epoch 1; an unavailable store delays
 * records without dead-lettering them; after the last epoch new images are processed once.
 */
class EpochsIT {

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
    void twoEpochsGiveEachImageOnePairPerEpochAndLateImagesOnce() {
        int n = 30;
        LoopFixture.TestTopics t = fx.topics("epochs", 3, 3);
        AtomicInteger calls = new AtomicInteger();
        ImagePipeline pipeline = fx.pipeline(files -> (uri, max) -> {
            if (calls.incrementAndGet() <= 6) {
                throw new FetchException(FetchException.Kind.UNAVAILABLE, "store down (injected)");
            }
            return files.fetch(uri, max);
        });
        AugmenterSetup setup = fx.setup("epochs", 2, Map.of("instance-id", "solo"));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (AugmenterLoop loop = new AugmenterLoop(setup, fx.tuning(t), pipeline, registry)) {
            loop.start();
            fx.push(t.images(), fx.images("img", n));

            List<ViewPair> views = fx.views(t.views(), 2 * n, Duration.ofSeconds(90));
            assertThat(views).hasSize(2 * n);
            Map<Integer, List<ViewPair>> byEpoch = views.stream().collect(Collectors.groupingBy(ViewPair::epoch));
            assertThat(byEpoch.keySet()).containsExactlyInAnyOrder(0, 1);
            for (int e = 0; e < 2; e++) {
                assertThat(byEpoch.get(e)).hasSize(n);
                assertThat(byEpoch.get(e).stream()
                                .map(ViewPair::imageId)
                                .distinct()
                                .count())
                        .isEqualTo(n);
            }
            Map<String, ViewPair> e0 = byEpoch.get(0).stream().collect(Collectors.toMap(ViewPair::imageId, v -> v));
            for (ViewPair p1 : byEpoch.get(1)) {
                ViewPair p0 = e0.get(p1.imageId());
                assertThat(p1.seed())
                        .isEqualTo(ViewSeeds.of(7, p1.imageId(), 1))
                        .isNotEqualTo(p0.seed());
                assertThat(Arrays.equals(p0.view1(), p1.view1()) && Arrays.equals(p0.view2(), p1.view2()))
                        .as("epoch 1 views of %s differ from epoch 0", p1.imageId())
                        .isFalse();
            }
            assertThat(KafkaIo.readCommitted(
                            fx.kafka.bootstrapServers(), t.dlq(), r -> true, 0, Duration.ofSeconds(1), Duration.ZERO))
                    .as("an unavailable store is not a dead letter")
                    .isEmpty();
            assertThat(registry.get("simclr.augmenter.store.unavailable")
                            .counter()
                            .count())
                    .isPositive();
            assertThat(pipeline.cache().hits())
                    .as("epoch 1 decodes from the cache")
                    .isGreaterThanOrEqualTo(n);

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> loop.status().epoch() == 1 && loop.status().epochDone() == n);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", fx.kafka.bootstrapServers()))) {
                EpochGroups groups =
                        new EpochGroups(new OffsetQueries(admin, Duration.ofSeconds(10)), setup, t.images());
                assertThat(groups.status(0).complete()).isTrue();
                assertThat(groups.status(1).complete()).isTrue();
                assertThat(groups.startEpoch())
                        .as("a replica starting now joins the last epoch")
                        .isEqualTo(1);
            }

            // after the last epoch the replica stays in its group: a new image is processed exactly once
            fx.push(t.images(), fx.images("late", 3));
            List<ViewPair> all = fx.views(t.views(), 2 * n + 3, Duration.ofSeconds(60));
            assertThat(all).hasSize(2 * n + 3);
            assertThat(all.stream().filter(v -> v.imageId().startsWith("late-")))
                    .hasSize(3)
                    .allMatch(v -> v.epoch() == 1);
        }
    }
}
