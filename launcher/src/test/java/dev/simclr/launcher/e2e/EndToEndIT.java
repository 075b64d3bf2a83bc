package dev.simclr.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simclr.contracts.DeadLetter;
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
import dev.simclr.launcher.stack.ServicePorts;
import dev.simclr.launcher.stack.Stack;
import dev.simclr.launcher.stack.StackInfo;
import dev.simclr.launcher.stack.StackLayout;
import dev.simclr.objectstore.ObjectStore;
import dev.simclr.objectstore.ObjectStoreConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole chain with the packaged services as child processes on embedded Kafka + S3: 400 Fashion-MNIST images are
 * imported, the augmenter makes views, the trainer trains a tiny encoder and checkpoints, the evaluator scores the
 * final checkpoint (linear probe above chance, ONNX parity); a bad URI ends on the images dead-letter topic; nothing is
 * left running afterwards.
 */
class EndToEndIT {

    private static final String RUN = "e2e";
    private static final long STEPS = 40;

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void imagesInEvaluationOutNoOrphans() throws Exception {
        Path repo = Path.of(System.getProperty("simclr.repo.root", ".."))
                .toAbsolutePath()
                .normalize();
        ServiceApps apps = new ServiceApps(repo).requirePackaged();
        Path fashion = repo.resolve("datasets/fashion-mnist-subset");
        RunConfig run = RunConfig.builder()
                .setRunId(RUN)
                .setEvalSet(fashion.toString())
                .optWidth(0.125)
                .optProjectionDim(32)
                .optBatchSize(32)
                .optTotalSteps(STEPS)
                .optMaxSteps(STEPS)
                .optCheckpointEvery(20)
                .optWarmupSteps(4)
                .optLearningRate(0.1)
                .optTrainerThreads(1)
                .optEvaluatorThreads(1)
                .optEvalLimits(2000, 1000)
                .optParityImages(32)
                .optReferences(false)
                .optAugmenterEpochs(20)
                .optPartialBatchTimeout(Duration.ofSeconds(5))
                .optMaxViewsLag(2000)
                .optHeaps(new RunConfig.Heaps("384m", "512m", "768m"))
                .build();
        StackLayout layout = new StackLayout(tmp.resolve("data"));
        List<String> said = new CopyOnWriteArrayList<>();
        Consumer<String> say = line -> {
            said.add(line);
            System.out.println(line);
        };
        Stack stack = Stack.start(layout, run, apps, ServicePorts.random(), say);
        List<Long> pids = new ArrayList<>();
        stack.services().forEach(s -> pids.add(s.pid()));
        try {
            assertThat(StackInfo.requireRunning(layout).kafka().bootstrapServers())
                    .isEqualTo(stack.info().kafka().bootstrapServers());
            assertThat(stack.awaitReady(() -> false)).isTrue();
            String bootstrap = stack.info().kafka().bootstrapServers();

            List<ImportItem> items = IdxSource.items(
                    fashion, new ImportOptions(Infrastructure.DATA_BUCKET, null, "train", 400, "fashion-mnist"));
            ObjectStoreConfig s3 = ObjectStoreConfig.builder()
                    .setEndpoint(stack.info().s3().endpoint())
                    .setAccessKey(stack.info().s3().accessKey())
                    .setSecretKey(stack.info().s3().secretKey())
                    .optRegion(stack.info().s3().region())
                    .build();
            try (ObjectStore store = ObjectStore.connect(s3);
                    KafkaProducer<String, String> producer = KafkaClients.producer(bootstrap)) {
                Importer.Report report = new Importer(store, producer, Infrastructure.DATA_BUCKET, 4)
                        .pushingAfterUpload()
                        .run(items, Set.of(), () -> new ProgressBar(Console.plain(), "import", items.size(), false));
                assertThat(report.pushed()).isEqualTo(400);
                assertThat(report.uploaded()).isEqualTo(400);
                producer.send(new ProducerRecord<>(
                                Topics.IMAGES, "bad-1", "s3://simclr-data/fashion-mnist/no-such.png"))
                        .get();
            }

            EvalResult[] finalResult = new EvalResult[1];
            List<ConsumerRecord<String, byte[]>> deadLetters = new ArrayList<>();
            try (TopicReader eval = TopicReader.open(bootstrap, Topics.EVAL, TopicReader.Start.BEGINNING);
                    TopicReader dlq = TopicReader.open(bootstrap, Topics.IMAGES_DLQ, TopicReader.Start.BEGINNING)) {
                Awaitility.await()
                        .atMost(Duration.ofMinutes(5))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> {
                            dlq.poll(Duration.ofMillis(200), deadLetters::add);
                            eval.poll(Duration.ofMillis(500), r -> {
                                EvalResult e = EvalResult.fromJson(r.value());
                                System.out.printf(
                                        "eval %s@%d linear %.3f kNN %.3f onnx %.1e%n",
                                        e.runId(), e.step(), e.linearTop1(), e.knnTop1(), e.onnxMaxAbsDiff());
                                if (e.runId().equals(RUN) && e.step() == STEPS) {
                                    finalResult[0] = e;
                                }
                            });
                            assertThat(stack.deadService())
                                    .as("a service exited")
                                    .isEmpty();
                            return finalResult[0] != null && !deadLetters.isEmpty();
                        });
            }
            EvalResult e = finalResult[0];
            assertThat(e.linearTop1())
                    .as("linear top-1 above chance (10 classes)")
                    .isGreaterThan(0.2);
            // Absolute: a published result already passed the evaluator's relative check (1e-4 x the largest
            // |feature|, docs/evaluation.md); features of a few thousand make fp32 rounding ~3e-4 absolute.
            assertThat(e.onnxMaxAbsDiff()).as("ONNX Runtime vs DJL, absolute").isLessThanOrEqualTo(1e-2);
            assertThat(e.trainCount()).isEqualTo(2000);
            assertThat(e.testCount()).isEqualTo(1000);
            assertThat(e.onnxUri()).startsWith("s3://simclr/");
            ConsumerRecord<String, byte[]> dead = deadLetters.get(0);
            assertThat(dead.key()).isEqualTo("bad-1");
            assertThat(new String(dead.value(), StandardCharsets.UTF_8))
                    .isEqualTo("s3://simclr-data/fashion-mnist/no-such.png");
            Header code = dead.headers().lastHeader(DeadLetter.REASON_CODE);
            assertThat(code).isNotNull();
            assertThat(new String(code.value(), StandardCharsets.UTF_8)).isEqualTo("not-found");
        } finally {
            stack.stop(say);
        }
        assertThat(layout.stackJson()).doesNotExist();
        assertThat(said).anyMatch(l -> l.startsWith("Kafka at "));
        for (String name : ServiceApps.NAMES) {
            assertThat(said).anyMatch(l -> l.startsWith(name + " stopped ("));
            // a graceful Quarkus shutdown, not the watchdog's halt
            assertThat(Files.readString(layout.log(name)))
                    .contains(name + "-service stopped in")
                    .doesNotContain("[watchdog]");
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(pids)
                    .allMatch(
                            pid -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
            assertThat(ProcessHandle.current()
                            .descendants()
                            .filter(ProcessHandle::isAlive)
                            .map(h -> h.pid() + " " + h.info().commandLine().orElse("?"))
                            .toList())
                    .as("orphan processes")
                    .isEmpty();
        });
    }
}
