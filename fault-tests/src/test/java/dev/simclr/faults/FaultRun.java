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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One fault-test run: an embedded broker and object store, the pipeline's topics, 256 synthetic images imported, the
 * three packaged services training run {@value #RUN}; then the checks every fault test makes afterwards.
 */
final class FaultRun implements AutoCloseable {

    static final String RUN = "faults";
    static final String BUCKET = "simclr";
    static final Duration WAIT = Duration.ofMinutes(4);
    private static final String DATA_BUCKET = "simclr-data";

    /** How long after the fault came back the pipeline made progress again, in seconds. */
    record Recovery(double checkpoint, double result, double ready) {}

    private final EmbeddedKafka kafka;
    private final EmbeddedS3 s3;
    private final ObjectStore store;
    private final ServiceStack stack;
    private final Map<String, Long> pids = new HashMap<>();

    private FaultRun(EmbeddedKafka kafka, EmbeddedS3 s3, ObjectStore store, ServiceStack stack) {
        this.kafka = kafka;
        this.s3 = s3;
        this.store = store;
        this.stack = stack;
        ServiceStack.NAMES.forEach(n -> pids.put(n, stack.service(n).process().pid()));
    }

    /** Starts everything; the services' logs go to {@code target/fault-logs/<name>/}. */
    static FaultRun start(String name, Path dir) {
        Path repo = Path.of(System.getProperty("simclr.repo.root", ".."))
                .toAbsolutePath()
                .normalize();
        EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
        EmbeddedS3 s3 = null;
        ObjectStore store = null;
        try {
            s3 = EmbeddedS3.start(dir.resolve("s3"));
            store = ObjectStore.connect(ObjectStoreConfig.builder()
                    .setEndpoint(s3.endpoint())
                    .setAccessKey(s3.accessKey())
                    .setSecretKey(s3.secretKey())
                    .optRegion(s3.region())
                    .build());
            PipelineData.createTopics(kafka, 2);
            store.ensureBucket(BUCKET);
            PipelineData.importImages(store, DATA_BUCKET, kafka.bootstrapServers(), 256);
            ServiceStack stack = ServiceStack.start(
                    repo, Logs.dir(name), kafka.bootstrapServers(), s3, Env.services(RUN, BUCKET, repo, dir, 0));
            return new FaultRun(kafka, s3, store, stack);
        } catch (RuntimeException e) {
            if (store != null) {
                store.close();
            }
            if (s3 != null) {
                s3.close();
            }
            kafka.close();
            throw e;
        }
    }

    EmbeddedKafka kafka() {
        return kafka;
    }

    EmbeddedS3 s3() {
        return s3;
    }

    ServiceStack stack() {
        return stack;
    }

    /** Waits until every service is ready, a result exists and a checkpoint of at least {@code step} was announced. */
    void awaitTraining(long step) {
        await().atMost(WAIT)
                .pollInterval(Duration.ofSeconds(1))
                .failFast("a service died", stack::anyDead)
                .until(() -> ServiceStack.NAMES.stream().allMatch(n -> stack.status(n, "/q/health/ready") == 200));
        awaitCheckpoint(step);
        await().atMost(WAIT)
                .pollInterval(Duration.ofSeconds(2))
                .failFast("a service is not live", stack::anyNotLive)
                .until(() -> !results().isEmpty());
    }

    /** Waits until a checkpoint of at least {@code step} was announced. */
    void awaitCheckpoint(long step) {
        await().atMost(WAIT)
                .pollInterval(Duration.ofSeconds(2))
                .failFast("a service is not live", stack::anyNotLive)
                .until(() -> lastCheckpoint() >= step);
    }

    /**
     * Waits for the first checkpoint event and the first result made after {@code backAt}, and for every service to be
     * ready again; returns how long each took from {@code backNanos}.
     */
    Recovery awaitRecovery(long backNanos, Instant backAt) {
        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(500))
                .failFast("a service is not live", stack::anyNotLive)
                .until(() -> events().stream().anyMatch(e -> e.createdAt().isAfter(backAt)));
        double checkpoint = (System.nanoTime() - backNanos) / 1e9;
        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(500))
                .failFast("a service is not live", stack::anyNotLive)
                .until(() -> results().stream().anyMatch(r -> r.createdAt().isAfter(backAt)));
        double result = (System.nanoTime() - backNanos) / 1e9;
        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> ServiceStack.NAMES.stream().allMatch(n -> stack.status(n, "/q/health/ready") == 200));
        double ready = (System.nanoTime() - backNanos) / 1e9;
        return new Recovery(checkpoint, result, ready);
    }

    /** Asserts that the services are the processes started at first (none restarted) and alive. */
    void assertSameProcesses() {
        for (String n : ServiceStack.NAMES) {
            assertThat(stack.service(n).process().isAlive()).as(n + " alive").isTrue();
            assertThat(stack.service(n).process().pid())
                    .as(n + " not restarted")
                    .isEqualTo(pids.get(n));
        }
    }

    /** Asserts that every liveness answer in {@code samples} was UP. */
    static void assertAlwaysLive(HealthWatch health) {
        for (String n : ServiceStack.NAMES) {
            assertThat(health.of(n))
                    .as(n + " sampled")
                    .hasSizeGreaterThan(10)
                    .as(n + " liveness stayed UP")
                    .allSatisfy(s -> assertThat(s.live()).isEqualTo(200));
        }
    }

    /**
     * Stops the services gracefully, then asserts: no dead letters; one committed pair per (image, epoch); the lineage
     * counts every committed pair before its last offsets exactly once; every checkpoint announced once and in order;
     * at most one result per checkpoint.
     */
    void stopAndAssertNothingLostOrDuplicated() {
        stack.stop(Duration.ofSeconds(90));
        String bootstrap = kafka.bootstrapServers();
        for (String dlq : List.of(Topics.IMAGES_DLQ, Topics.VIEWS_DLQ, Topics.CHECKPOINTS_DLQ)) {
            assertThat(PipelineData.readAll(bootstrap, dlq, Duration.ofSeconds(2)))
                    .as(dlq)
                    .isEmpty();
        }
        List<ConsumerRecord<byte[], byte[]>> views =
                PipelineData.readAll(bootstrap, Topics.VIEWS, Duration.ofSeconds(3));
        TrainedLineage.assertOnePairPerImageAndEpoch(views);
        List<CheckpointManifest> lineage = TrainedLineage.manifests(store, BUCKET, RUN);
        assertThat(TrainedLineage.assertExactlyOnce(lineage, views)).isGreaterThan(0);
        List<Long> announced = events().stream().map(CheckpointEvent::step).toList();
        assertThat(announced)
                .as("every checkpoint announced once, in order")
                .doesNotHaveDuplicates()
                .isSorted()
                .containsAll(lineage.stream()
                        .map(CheckpointManifest::step)
                        .filter(s -> s > 0)
                        .toList());
        Map<Long, Long> perStep =
                results().stream().collect(Collectors.groupingBy(EvalResult::step, Collectors.counting()));
        assertThat(perStep)
                .as("results per checkpoint")
                .isNotEmpty()
                .allSatisfy((step, n) ->
                        assertThat(n).as("results of step %d", step).isEqualTo(1L));
    }

    List<CheckpointEvent> events() {
        return PipelineData.readAll(kafka.bootstrapServers(), Topics.CHECKPOINTS, Duration.ofMillis(500)).stream()
                .map(r -> CheckpointEvent.fromJson(r.value()))
                .filter(e -> e.runId().equals(RUN))
                .toList();
    }

    List<EvalResult> results() {
        return PipelineData.readAll(kafka.bootstrapServers(), Topics.EVAL, Duration.ofMillis(500)).stream()
                .map(r -> EvalResult.fromJson(r.value()))
                .filter(e -> e.runId().equals(RUN))
                .toList();
    }

    long lastCheckpoint() {
        List<CheckpointEvent> e = events();
        return e.isEmpty() ? -1 : e.get(e.size() - 1).step();
    }

    /** Readiness answers other than UP per service, for the report. */
    static Map<String, Long> notReadyCounts(HealthWatch health) {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        for (String n : ServiceStack.NAMES) {
            out.put(n, health.of(n).stream().filter(s -> s.ready() != 200).count());
        }
        return out;
    }

    @Override
    public void close() {
        try {
            stack.close();
        } finally {
            store.close();
            s3.close();
            kafka.close();
        }
    }
}
