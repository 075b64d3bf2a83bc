package dev.simclr.deploy.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.simclr.contracts.CheckpointEvent;
import dev.simclr.contracts.EvalResult;
import dev.simclr.contracts.Topics;
import dev.simclr.launcher.Console;
import dev.simclr.launcher.images.IdxSource;
import dev.simclr.launcher.images.ImportItem;
import dev.simclr.launcher.images.ImportOptions;
import dev.simclr.launcher.images.Importer;
import dev.simclr.launcher.images.ProgressBar;
import dev.simclr.launcher.kafka.KafkaClients;
import dev.simclr.launcher.kafka.TopicReader;
import dev.simclr.launcher.stack.Infrastructure;
import dev.simclr.launcher.stack.RunConfig;
import dev.simclr.launcher.stack.ServiceApps;
import dev.simclr.launcher.stack.ServiceEnv;
import dev.simclr.launcher.stack.ServicePorts;
import dev.simclr.launcher.stack.ServiceSpec;
import dev.simclr.launcher.stack.StackLayout;
import dev.simclr.objectstore.ObjectStore;
import dev.simclr.objectstore.ObjectStoreConfig;
import dev.simclr.objectstore.S3Uri;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three service images, built from their {@code Dockerfile.jvm} and run as users of docker-compose and Kubernetes
 * run them: read-only root file system, uid 10001, writable only {@code /tmp} and {@code /var/cache/simclr} (tmpfs),
 * host networking on the loopback address, configured only by environment variables (the launcher's {@link ServiceEnv},
 * with container paths). Against the launcher's embedded Kafka and S3: 200 Fashion-MNIST images in, a checkpoint on
 * {@code simclr.checkpoints}, an evaluation on {@code simclr.eval}, every container ready; SIGTERM to the trainer
 * writes and announces its final checkpoint. Prints the image facts (size, start-up to ready, memory at idle) that
 * docs/deploy.md records.
 *
 * <p>Needs a Docker engine and the base image ({@code simclr.containers.base-image}, made by
 * {@code deploy/images/debian-jre-base.sh}); without them the test fails and says how to get them.
 */
class ContainerSmokeIT {

    private static final String RUN = "smoke";
    private static final int IMAGES = 200;
    private static final String CACHE = "/var/cache/simclr";
    private static final String EVAL_SET = "/data/eval-set";

    @TempDir
    Path tmp;

    private final List<String> containers = new ArrayList<>();

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void imagesRunTheWholePipelineReadOnlyAsUid10001() throws Exception {
        String missing = Docker.unavailableReason();
        if (missing != null) {
            fail("the container smoke test needs a Docker engine (" + missing + "): install docker.io and start "
                    + "`dockerd --bridge=none --iptables=false` as root, as .ci/run does");
        }
        String base = System.getProperty("simclr.containers.base-image", "simclr/debian-jre:17-bookworm");
        if (!Docker.imageExists(base)) {
            fail(
                    "base image " + base + " is missing: build it with `sudo deploy/images/debian-jre-base.sh " + base
                            + "` (Debian packages only, cached), or pass -Dsimclr.containers.base-image=<a JRE 17 image you have>");
        }
        Path repo = Path.of(System.getProperty("simclr.repo.root", "../.."))
                .toAbsolutePath()
                .normalize();
        ServiceApps apps = new ServiceApps(repo).requirePackaged();
        Map<String, ImageFacts> facts = new LinkedHashMap<>();
        for (String name : ServiceApps.NAMES) {
            String service = name + "-service";
            String tag = "simclr/" + service + ":smoke";
            double seconds = Docker.build(
                    repo.resolve(service + "/src/main/docker/Dockerfile.jvm"),
                    repo.resolve(service),
                    tag,
                    Map.of("BASE_IMAGE", base),
                    tmp.resolve(name + "-build.log"));
            facts.put(name, new ImageFacts(tag, Docker.imageBytes(tag), seconds));
        }

        Path fashion = repo.resolve("datasets/fashion-mnist-subset");
        RunConfig run = RunConfig.builder()
                .setRunId(RUN)
                .setEvalSet(EVAL_SET)
                .optWidth(0.125)
                .optProjectionDim(32)
                .optBatchSize(32)
                .optTotalSteps(400)
                .optMaxSteps(0)
                .optCheckpointEvery(10)
                .optWarmupSteps(2)
                .optLearningRate(0.1)
                .optTrainerThreads(1)
                .optEvaluatorThreads(1)
                .optEvalLimits(1000, 500)
                .optParityImages(32)
                .optReferences(false)
                .optAugmenterEpochs(50)
                .optPartialBatchTimeout(Duration.ofSeconds(5))
                .optMaxViewsLag(2000)
                .build();
        StackLayout layout = new StackLayout(tmp.resolve("data"));
        try (Infrastructure infra = Infrastructure.start(layout)) {
            String bootstrap = infra.kafka().bootstrapServers();
            ServiceEnv env = new ServiceEnv(run, bootstrap, infra.s3Info(), layout, apps, ServicePorts.random());
            Map<String, ServiceSpec> specs = new LinkedHashMap<>();
            env.specs().forEach(s -> specs.put(s.name(), s));

            Map<String, String> ids = new LinkedHashMap<>();
            for (ServiceSpec spec : specs.values()) {
                long t0 = System.nanoTime();
                ids.put(spec.name(), start(spec, facts.get(spec.name()).tag(), fashion));
                awaitReady(spec, ids.get(spec.name()), Duration.ofMinutes(4));
                facts.get(spec.name()).startSeconds = (System.nanoTime() - t0) / 1e9;
            }
            for (ServiceSpec spec : specs.values()) {
                assertThat(Docker.inspect(ids.get(spec.name()), "{{.Config.User}} {{.HostConfig.ReadonlyRootfs}}"))
                        .isEqualTo("10001:10001 true");
                facts.get(spec.name()).idleBytes = Docker.memoryBytes(ids.get(spec.name()));
            }

            push(infra, fashion);
            CheckpointEvent[] firstCheckpoint = new CheckpointEvent[1];
            EvalResult[] firstResult = new EvalResult[1];
            long[] lastStep = {0};
            try (TopicReader checkpoints =
                            TopicReader.open(bootstrap, Topics.CHECKPOINTS, TopicReader.Start.BEGINNING);
                    TopicReader eval = TopicReader.open(bootstrap, Topics.EVAL, TopicReader.Start.BEGINNING)) {
                Awaitility.await()
                        .atMost(Duration.ofMinutes(8))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> {
                            checkpoints.poll(Duration.ofMillis(200), r -> {
                                CheckpointEvent e = CheckpointEvent.fromJson(r.value());
                                lastStep[0] = Math.max(lastStep[0], e.step());
                                if (firstCheckpoint[0] == null) {
                                    firstCheckpoint[0] = e;
                                }
                            });
                            eval.poll(Duration.ofMillis(200), r -> {
                                if (firstResult[0] == null) {
                                    firstResult[0] = EvalResult.fromJson(r.value());
                                }
                            });
                            requireRunning(ids);
                            return firstCheckpoint[0] != null && firstResult[0] != null;
                        });
                assertThat(firstCheckpoint[0].runId()).isEqualTo(RUN);
                assertThat(firstCheckpoint[0].checkpointUri())
                        .startsWith("s3://" + Infrastructure.CHECKPOINT_BUCKET + "/");
                EvalResult result = firstResult[0];
                assertThat(result.runId()).isEqualTo(RUN);
                assertThat(result.trainCount()).isEqualTo(1000);
                assertThat(result.linearTop1()).as("linear top-1 above chance").isGreaterThan(0.15);
                assertThat(result.onnxMaxAbsDiff()).as("ONNX parity").isLessThan(1e-3);

                for (ServiceSpec spec : specs.values()) {
                    assertThat(get(spec.port(), "/q/health/ready").statusCode())
                            .as(spec.name() + " ready")
                            .isEqualTo(200);
                    assertThat(get(spec.port(), "/q/health/live").statusCode())
                            .as(spec.name() + " live")
                            .isEqualTo(200);
                }

                // SIGTERM: the trainer checkpoints its last step and announces it before it exits.
                String trainer = ids.get("trainer");
                checkpoints.poll(
                        Duration.ofMillis(500),
                        r -> lastStep[0] = Math.max(
                                lastStep[0], CheckpointEvent.fromJson(r.value()).step()));
                long before = lastStep[0];
                Docker.stop(trainer, Duration.ofSeconds(60));
                assertThat(Docker.inspect(trainer, "{{.State.ExitCode}} {{.State.OOMKilled}}"))
                        .as(Docker.logs(trainer))
                        .isIn("0 false", "143 false");
                long[] finalStep = {0};
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                    checkpoints.poll(
                            Duration.ofMillis(300),
                            r -> finalStep[0] = Math.max(
                                    finalStep[0],
                                    CheckpointEvent.fromJson(r.value()).step()));
                    return finalStep[0] > before;
                });
                try (ObjectStore store = ObjectStore.connect(s3(infra))) {
                    assertThat(store.exists(S3Uri.parse("s3://" + Infrastructure.CHECKPOINT_BUCKET + "/" + RUN
                                    + "/step-" + finalStep[0] + "/manifest.json")))
                            .as("final checkpoint manifest")
                            .isTrue();
                }
                facts.get("trainer").finalStep = finalStep[0];
            }

            for (String name : List.of("evaluator", "augmenter")) {
                Docker.stop(ids.get(name), Duration.ofSeconds(30));
            }
            for (Map.Entry<String, String> c : ids.entrySet()) {
                String logs = Docker.logs(c.getValue());
                assertThat(logs).as(c.getKey() + " wrote outside its volumes").doesNotContain("Read-only file system");
                // Docker itself adds the mount points of volumes (and their parents) to the container layer.
                assertThat(Docker.diff(c.getValue()))
                        .as(c.getKey() + ": changes to the root file system")
                        .allMatch(line -> line.equals("A /data") || line.equals("A " + EVAL_SET));
                assertThat(logs).as(c.getKey() + " stopped gracefully").contains(c.getKey() + "-service stopped in");
            }
            facts.forEach((name, f) -> System.out.println(f.describe(name)));
        } finally {
            containers.forEach(Docker::removeQuietly);
        }
    }

    /** docker run: read-only, uid 10001, host network, env only; writable tmpfs for /tmp and the caches. */
    private String start(ServiceSpec spec, String image, Path evalSet) throws IOException {
        List<String> options = new ArrayList<>(List.of(
                "--name",
                "simclr-smoke-" + spec.name() + "-" + ProcessHandle.current().pid(),
                "--network",
                "host",
                "--read-only",
                "--user",
                "10001:10001",
                "--memory",
                "2g",
                "--tmpfs",
                "/tmp:rw,exec,size=1g,uid=10001,gid=10001",
                "--tmpfs",
                CACHE + ":rw,exec,size=2g,uid=10001,gid=10001",
                "--stop-timeout",
                "60"));
        Map<String, String> env = new LinkedHashMap<>(spec.env());
        // Paths inside the container instead of the launcher's data directory.
        env.remove("DJL_CACHE_DIR");
        env.remove("ENGINE_CACHE_DIR");
        if (spec.name().equals("evaluator")) {
            env.put("SIMCLR_EVALUATOR_EVAL_SET", EVAL_SET);
            env.put("SIMCLR_EVALUATOR_EVAL_SET_CACHE_DIR", CACHE + "/evalsets");
            options.addAll(List.of("--volume", evalSet + ":" + EVAL_SET + ":ro"));
        }
        env.forEach((k, v) -> options.addAll(List.of("--env", k + "=" + v)));
        String id = Docker.runDetached(options, image);
        containers.add(id);
        return id;
    }

    private void awaitReady(ServiceSpec spec, String id, Duration timeout) {
        Awaitility.await(spec.name() + " ready")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    requireRunning(Map.of(spec.name(), id));
                    try {
                        return get(spec.port(), "/q/health/ready").statusCode() == 200;
                    } catch (IOException e) {
                        return false;
                    }
                });
    }

    private static void requireRunning(Map<String, String> ids) throws IOException {
        for (Map.Entry<String, String> c : ids.entrySet()) {
            String state = Docker.inspect(c.getValue(), "{{.State.Status}} {{.State.ExitCode}}");
            if (!state.startsWith("running")) {
                fail(c.getKey() + " container is " + state + "; its log:\n" + tail(Docker.logs(c.getValue()), 60));
            }
        }
    }

    private static void push(Infrastructure infra, Path fashion) throws Exception {
        List<ImportItem> items = IdxSource.items(
                fashion, new ImportOptions(Infrastructure.DATA_BUCKET, null, "train", IMAGES, "fashion-mnist"));
        try (ObjectStore store = ObjectStore.connect(s3(infra));
                KafkaProducer<String, String> producer =
                        KafkaClients.producer(infra.kafka().bootstrapServers())) {
            Importer.Report report = new Importer(store, producer, Infrastructure.DATA_BUCKET, 4)
                    .pushingAfterUpload()
                    .run(items, Set.of(), () -> new ProgressBar(Console.plain(), "import", items.size(), false));
            assertThat(report.pushed()).isEqualTo(IMAGES);
        }
    }

    private static ObjectStoreConfig s3(Infrastructure infra) {
        return ObjectStoreConfig.builder()
                .setEndpoint(infra.s3().endpoint())
                .setAccessKey(infra.s3().accessKey())
                .setSecretKey(infra.s3().secretKey())
                .optRegion(infra.s3().region())
                .build();
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** What docs/deploy.md records per image. */
    private static final class ImageFacts {
        final String tag;
        final long bytes;
        final double buildSeconds;
        double startSeconds;
        long idleBytes;
        long finalStep;

        ImageFacts(String tag, long bytes, double buildSeconds) {
            this.tag = tag;
            this.bytes = bytes;
            this.buildSeconds = buildSeconds;
        }

        String tag() {
            return tag;
        }

        String describe(String name) {
            return String.format(
                    Locale.ROOT,
                    "image-facts %s: %s %.0f MB, built in %.0f s, ready %.1f s after docker run, "
                            + "%.0f MiB at idle%s",
                    name,
                    tag,
                    bytes / 1e6,
                    buildSeconds,
                    startSeconds,
                    idleBytes / 1048576.0,
                    finalStep > 0 ? ", final checkpoint at step " + finalStep + " on SIGTERM" : "");
        }
    }
}
