package dev.simclr.augmenter.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.simclr.augmenter.config.AugmenterSetup;
import dev.simclr.contracts.ViewPair;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two replicas of one run share each epoch's partitions: every image exactly once per epoch, work on both. */
class TwoReplicasIT {

    private static LoopFixture fx;

    @BeforeAll
    static void start() {
        fx = new LoopFixture(Map.of());
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    /** Replica {@code id} of the run: 4 records per poll and transaction. */
    private static AugmenterSetup replica(String id) {
        return fx.setup("replicas", 2, Map.of("max-poll-records", "4", "instance-id", id));
    }

    @Test
    void eachImageOncePerEpochWithWorkSplitAcrossReplicas() {
        int n = 60;
        LoopFixture.TestTopics t = fx.topics("replicas", 4, 2);
        SimpleMeterRegistry ra = new SimpleMeterRegistry();
        SimpleMeterRegistry rb = new SimpleMeterRegistry();
        try (AugmenterLoop a = new AugmenterLoop(
                        replica("replica-a"), fx.tuning(t), fx.pipeline(f -> LoopFixture.slow(f, 20)), ra);
                AugmenterLoop b = new AugmenterLoop(
                        replica("replica-b"), fx.tuning(t), fx.pipeline(f -> LoopFixture.slow(f, 20)), rb)) {
            a.start();
            b.start();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> a.status().assignedPartitions() > 0
                            && b.status().assignedPartitions() > 0
                            && a.status().assignedPartitions() + b.status().assignedPartitions() == 4);
            fx.push(t.images(), fx.images("rep", n));

            List<ViewPair> views = fx.views(t.views(), 2 * n, Duration.ofSeconds(120));
            assertThat(views).hasSize(2 * n);
            Map<Integer, List<String>> ids = views.stream()
                    .collect(Collectors.groupingBy(
                            ViewPair::epoch, Collectors.mapping(ViewPair::imageId, Collectors.toList())));
            assertThat(ids.get(0)).hasSize(n).doesNotHaveDuplicates();
            assertThat(ids.get(1)).hasSize(n).doesNotHaveDuplicates();
            double pairsA = ra.get("simclr.augmenter.pairs.out").counter().count();
            double pairsB = rb.get("simclr.augmenter.pairs.out").counter().count();
            assertThat(pairsA + pairsB).isEqualTo(2.0 * n);
            assertThat(pairsA).as("replica a worked").isPositive();
            assertThat(pairsB).as("replica b worked").isPositive();
        }
    }
}
