package dev.simclr.augmenter.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.simclr.augmenter.config.AugmenterSetup;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The augmenter pauses while the trainer group lags too far behind on the views topic and resumes when it catches up.
 */
class LagGateIT {

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
    void pausesAboveTheLagLimitAndResumesWhenTheTrainerCatchesUp() throws Exception {
        int n = 40;
        LoopFixture.TestTopics t = fx.topics("lag", 1, 1);
        String trainer = "simclr-trainer.lag";
        AugmenterSetup setup =
                fx.setup("lag", 1, Map.of("max-views-lag", "10", "max-poll-records", "2", "instance-id", "gated"));
        assertThat(setup.trainerGroup()).isEqualTo(trainer);
        try (AugmenterLoop loop = new AugmenterLoop(
                        setup, fx.tuning(t), fx.pipeline(f -> LoopFixture.slow(f, 40)), new SimpleMeterRegistry());
                Admin admin = Admin.create(Map.of("bootstrap.servers", fx.kafka.bootstrapServers()))) {
            loop.start();
            fx.push(t.images(), fx.images("lag", n));

            await().atMost(Duration.ofSeconds(60)).until(() -> loop.status().paused());
            long atPause = committedViews(admin, t.views());
            Thread.sleep(1500);
            long later = committedViews(admin, t.views());
            assertThat(later).as("no progress while paused").isEqualTo(atPause);
            assertThat(later).isGreaterThan(10).isLessThan(n);
            assertThat(loop.status().viewsLag()).isGreaterThan(10);

            // the "trainer" consumes everything so far: the gate opens, more pairs come, and so on until done
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(300))
                    .until(() -> {
                        catchUp(admin, t.views(), trainer);
                        return loop.status().epochDone() == n;
                    });
            catchUp(admin, t.views(), trainer);
            await().atMost(Duration.ofSeconds(10)).until(() -> !loop.status().paused());
            assertThat(fx.views(t.views(), n, Duration.ofSeconds(30))).hasSize(n);
        }
    }

    /** Pairs plus transaction markers in the views topic up to the last stable offset. */
    private static long committedViews(Admin admin, String topic) throws Exception {
        TopicPartition tp = new TopicPartition(topic, 0);
        return admin.listOffsets(
                        Map.of(tp, OffsetSpec.latest()),
                        new org.apache.kafka.clients.admin.ListOffsetsOptions(
                                org.apache.kafka.common.IsolationLevel.READ_COMMITTED))
                .all()
                .get(10, TimeUnit.SECONDS)
                .get(tp)
                .offset();
    }

    private static void catchUp(Admin admin, String topic, String group) throws Exception {
        TopicPartition tp = new TopicPartition(topic, 0);
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        offsets.put(tp, new OffsetAndMetadata(committedViews(admin, topic)));
        admin.alterConsumerGroupOffsets(group, offsets).all().get(10, TimeUnit.SECONDS);
    }
}
