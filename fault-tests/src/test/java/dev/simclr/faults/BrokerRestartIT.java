package dev.simclr.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.simclr.contracts.CheckpointEvent;
import dev.simclr.contracts.CheckpointManifest;
import dev.simclr.contracts.EvalResult;
import dev.simclr.contracts.Topics;
import dev.simclr.localstack.EmbeddedKafka;
import dev.simclr.localstack.EmbeddedS3;
import dev.simclr.objectstore.ObjectStore;
import dev.simclr.objectstore.ObjectStoreConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rolling restart of the broker under load: the three packaged services run (images are augmented, pairs
 * trained and checkpointed, checkpoints evaluated) when the broker shuts down for 20 s and comes back on the same
 * port and log directory. The services go on without a restart of their own and their liveness stays UP; nothing
 * is dead-lettered; every committed pair counts in exactly one step of the lineage and no (image, epoch) has two
 * pairs; checkpoint events are announced once each and results stay one per checkpoint.
 */
class BrokerRestartIT {

    private static final String RUN = "faults";
    private static final String BUCKET = "simclr";
    private static final String DATA_BUCKET = "simclr-data";
    private static final Duration OUTAGE = Duration.ofSeconds(20);
    private static final Duration WAIT = Duration.ofMinutes(4);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 15, unit = java.util.concurrent.TimeUnit.MINUTES)
    void theServicesRideThroughABrokerRestartExactlyOnce() throws Exception {
        Path repo = Path.of(System.getProperty("simclr.repo.root", "..")).toAbsolutePath().normalize();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
                EmbeddedS3 s3 = EmbeddedS3.start(dir.resolve("s3"));
                ObjectStore store = ObjectStore.connect(ObjectStoreConfig.builder().setEndpoint(s3.endpoint())
                        .setAccessKey(s3.accessKey()).setSecretKey(s3.secretKey()).optRegion(s3.region()).build())) {
            String bootstrap = kafka.bootstrapServers();
            PipelineData.createTopics(kafka, 2);
            store.ensureBucket(BUCKET);
            PipelineData.importImages(store, DATA_BUCKET, bootstrap, 256);

            try (ServiceStack stack = ServiceStack.start(repo, Logs.dir("broker-restart"), bootstrap, s3,
                    Env.services(RUN, BUCKET, repo, dir, 0))) {
                Map<String, Long> pids = new java.util.HashMap<>();
                ServiceStack.NAMES.forEach(n -> pids.put(n, stack.service(n).process().pid()));
                await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).failFast("a service died", stack::anyDead)
                        .until(() -> ServiceStack.NAMES.stream().allMatch(n -> stack.status(n, "/q/health/ready") == 200));
                HealthWatch health = new HealthWatch(stack);
                await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).failFast("a service is not live", stack::anyNotLive)
                        .until(() -> !results(bootstrap).isEmpty() && lastCheckpoint(bootstrap) >= 30);

                long stepBefore = lastCheckpoint(bootstrap);
                long t0 = System.nanoTime();
                kafka.stop();
                Thread.sleep(OUTAGE.toMillis());
                kafka.restart();
                long back = System.nanoTime();
                Instant backAt = Instant.now();

                await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).failFast("a service is not live", stack::anyNotLive)
                        .until(() -> events(bootstrap).stream().anyMatch(e -> e.createdAt().isAfter(backAt)));
                long firstCheckpoint = System.nanoTime();
                await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).failFast("a service is not live", stack::anyNotLive)
                        .until(() -> results(bootstrap).stream().anyMatch(r -> r.createdAt().isAfter(backAt)));
                long firstResult = System.nanoTime();
                await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> ServiceStack.NAMES.stream()
                        .allMatch(n -> stack.status(n, "/q/health/ready") == 200));
                long allReady = System.nanoTime();
                await().atMost(WAIT).failFast("a service is not live", stack::anyNotLive)
                        .until(() -> lastCheckpoint(bootstrap) >= stepBefore + 40);

                ServiceStack.NAMES.forEach(n -> assertThat(stack.service(n).process().isAlive()).as(n + " alive")
                        .isTrue());
                ServiceStack.NAMES.forEach(n -> assertThat(stack.service(n).process().pid()).as(n + " not restarted")
                        .isEqualTo(pids.get(n)));
                health.close();
                for (String n : ServiceStack.NAMES) {
                    assertThat(health.of(n)).as(n + " sampled").hasSizeGreaterThan(20)
                            .as(n + " liveness stayed UP").allSatisfy(s -> assertThat(s.live()).isEqualTo(200));
                }
                System.out.println(String.format(Locale.ROOT, "OUTAGE-NUMBERS broker: down %.1f s (stop + %d s +"
                        + " restart); after it was back: next checkpoint event in %.1f s, next evaluation result in"
                        + " %.1f s, all three ready in %.1f s; readiness DOWN samples: %s", (back - t0) / 1e9,
                        OUTAGE.toSeconds(), (firstCheckpoint - back) / 1e9, (firstResult - back) / 1e9,
                        (allReady - back) / 1e9, notReadyCounts(health)));
                stack.stop(Duration.ofSeconds(90));
            }

            for (String dlq : List.of(Topics.IMAGES_DLQ, Topics.VIEWS_DLQ, Topics.CHECKPOINTS_DLQ)) {
                assertThat(PipelineData.readAll(bootstrap, dlq, Duration.ofSeconds(2))).as(dlq).isEmpty();
            }
            List<ConsumerRecord<byte[], byte[]>> views = PipelineData.readAll(bootstrap, Topics.VIEWS,
                    Duration.ofSeconds(3));
            TrainedLineage.assertOnePairPerImageAndEpoch(views);
            List<CheckpointManifest> lineage = TrainedLineage.manifests(store, BUCKET, RUN);
            long trained = TrainedLineage.assertExactlyOnce(lineage, views);
            assertThat(trained).isGreaterThan(0);

            List<Long> announced = events(bootstrap).stream().map(CheckpointEvent::step).toList();
            assertThat(announced).as("every checkpoint announced once, in order").doesNotHaveDuplicates()
                    .isSorted();
            assertThat(announced).containsAll(lineage.stream().map(CheckpointManifest::step).filter(s -> s > 0)
                    .toList());
            Map<Long, Long> perStep = results(bootstrap).stream()
                    .collect(Collectors.groupingBy(EvalResult::step, Collectors.counting()));
            assertThat(perStep).as("results per checkpoint").isNotEmpty().allSatisfy((step, n) ->
                    assertThat(n).as("results of step %d", step).isEqualTo(1L));
        }
    }

    private static List<CheckpointEvent> events(String bootstrap) {
        return PipelineData.readAll(bootstrap, Topics.CHECKPOINTS, Duration.ofMillis(500)).stream()
                .map(r -> CheckpointEvent.fromJson(r.value())).filter(e -> e.runId().equals(RUN)).toList();
    }

    private static List<EvalResult> results(String bootstrap) {
        return PipelineData.readAll(bootstrap, Topics.EVAL, Duration.ofMillis(500)).stream()
                .map(r -> EvalResult.fromJson(r.value())).filter(e -> e.runId().equals(RUN)).toList();
    }

    private static long lastCheckpoint(String bootstrap) {
        List<CheckpointEvent> e = events(bootstrap);
        return e.isEmpty() ? -1 : e.get(e.size() - 1).step();
    }

    private static Map<String, Long> notReadyCounts(HealthWatch health) {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        for (String n : ServiceStack.NAMES) {
            out.put(n, health.of(n).stream().filter(s -> s.ready() != 200).count());
        }
        return out;
    }
}
