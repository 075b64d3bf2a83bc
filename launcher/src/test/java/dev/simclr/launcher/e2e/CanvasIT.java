package dev.simclr.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simclr.augment.DecodedImage;
import dev.simclr.augment.decode.ImageDecoder;
import dev.simclr.augment.resize.ResizeMode;
import dev.simclr.contracts.EvalResult;
import dev.simclr.contracts.Topics;
import dev.simclr.contracts.ViewPair;
import dev.simclr.contracts.ViewPairCodec;
import dev.simclr.contracts.ViewPairHeaders;
import dev.simclr.launcher.Console;
import dev.simclr.launcher.Simclr;
import dev.simclr.launcher.images.Holdout;
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
import dev.simclr.launcher.stack.StackLayout;
import dev.simclr.objectstore.CheckpointSets;
import dev.simclr.objectstore.ObjectStore;
import dev.simclr.objectstore.ObjectStoreConfig;
import dev.simclr.objectstore.S3Uri;
import dev.simclr.onnx.EncoderMetadata;
import dev.simclr.onnx.ImagePreprocessor;
import dev.simclr.onnx.OnnxEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.header.Header;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One canvas through the services' path: 28 px Fashion-MNIST images trained at input 32 by the packaged augmenter,
 * trainer and evaluator, configured by the launcher as {@code simclr up} does. With crops that cover the whole canvas
 * (crop scale 1) and no colour jitter, every training view must be the evaluation input of its image, or its mirror
 * image: the image at scale 1 on a black 2-pixel border, as the evaluator and the ONNX embedder fit it (the checkpoint
 * records the fit, the export carries it). Before the canvas was shared, views stretched the 28 px image to 32 px.
 *
 * <p>Also the user's own data as the evaluation set: {@code simclr import} (the CLI, in process) of a directory with
 * one subdirectory per class holds half of it out, and the evaluator, pointed at the run's held-out manifest as
 * {@code simclr up} points it, scores the checkpoint on those images (labelled by directory) instead of Fashion-MNIST,
 * with the label-free measures on their test half.
 */
class CanvasIT {

    private static final String RUN = "canvas";
    private static final int IMAGES = 64;
    private static final long STEPS = 4;

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void trainingViewsAndEvaluationInputsShareTheCanvasAndHeldOutImagesAreTheEvaluationSet() throws Exception {
        Path repo = Path.of(System.getProperty("simclr.repo.root", ".."))
                .toAbsolutePath()
                .normalize();
        ServiceApps apps = new ServiceApps(repo).requirePackaged();
        Path fashion = repo.resolve("datasets/fashion-mnist-subset");
        RunConfig run = RunConfig.builder()
                .setRunId(RUN)
                .setEvalSet(fashion.toString())
                .optInputSize(32)
                .optHoldoutSet(Holdout.manifestUri(Infrastructure.DATA_BUCKET, RUN))
                .optWidth(0.125)
                .optProjectionDim(32)
                .optBatchSize(16)
                .optTotalSteps(STEPS)
                .optMaxSteps(STEPS)
                .optCheckpointEvery(STEPS)
                .optWarmupSteps(1)
                .optLearningRate(0.05)
                .optCropScaleMin(1.0)
                .optJitterStrength(0)
                .optTrainerThreads(1)
                .optEvaluatorThreads(1)
                .optEvalLimits(200, 100)
                .optParityImages(16)
                .optReferences(false)
                .optAugmenterEpochs(1)
                .optPartialBatchTimeout(Duration.ofSeconds(5))
                .optMaxViewsLag(0)
                .optHeaps(new RunConfig.Heaps("384m", "512m", "768m"))
                .build();
        assertThat(run.fit()).isEqualTo(ResizeMode.PAD.id());
        StackLayout layout = new StackLayout(tmp.resolve("data"));
        Stack stack = Stack.start(layout, run, apps, ServicePorts.random(), System.out::println);
        try {
            assertThat(stack.awaitReady(() -> false)).isTrue();
            String bootstrap = stack.info().kafka().bootstrapServers();
            List<ImportItem> items = IdxSource.items(
                    fashion, new ImportOptions(Infrastructure.DATA_BUCKET, null, "train", IMAGES, "fashion-mnist"));
            Map<String, DecodedImage> images = new HashMap<>();
            ImageDecoder decoder = ImageDecoder.withDefaults();
            for (ImportItem item : items) {
                images.put(item.id(), decoder.decode(item.data().load()));
            }
            // an ImageFolder directory of 40 test images of two classes, half of it held out
            Path folder = tmp.resolve("two-classes");
            for (ImportItem item : IdxSource.items(
                    fashion, new ImportOptions(Infrastructure.DATA_BUCKET, null, "test", 200, "fm-test"))) {
                if (item.label() <= 1 && countIn(folder) < 40) {
                    Path file = folder.resolve(item.label() == 0 ? "top" : "trouser")
                            .resolve(Path.of(item.key()).getFileName());
                    Files.createDirectories(file.getParent());
                    Files.write(file, item.data().load());
                    images.put(
                            "two-classes/" + folder.relativize(file).toString().replace('\\', '/'),
                            decoder.decode(item.data().load()));
                }
            }
            assertThat(Simclr.execute(
                            "import", "--data-dir", layout.root().toString(), "--holdout", "0.5", folder.toString()))
                    .as("simclr import of the ImageFolder directory")
                    .isZero();
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
                assertThat(report.pushed()).isEqualTo(IMAGES);
            }

            EvalResult[] last = new EvalResult[1];
            Map<String, ViewPair> pairs = new HashMap<>();
            try (TopicReader eval = TopicReader.open(bootstrap, Topics.EVAL, TopicReader.Start.BEGINNING);
                    TopicReader views = TopicReader.open(bootstrap, Topics.VIEWS, TopicReader.Start.BEGINNING)) {
                Awaitility.await()
                        .atMost(Duration.ofMinutes(6))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> {
                            views.poll(Duration.ofMillis(200), r -> {
                                assertThat(header(r, ViewPairHeaders.FIT))
                                        .as("the augmenter's canvas")
                                        .isEqualTo("pad");
                                ViewPair p = ViewPairCodec.decode(r.value());
                                pairs.put(p.imageId(), p);
                            });
                            eval.poll(Duration.ofMillis(300), r -> {
                                EvalResult e = EvalResult.fromJson(r.value());
                                if (e.runId().equals(RUN) && e.step() == STEPS) {
                                    last[0] = e;
                                }
                            });
                            assertThat(stack.deadService())
                                    .as("a service exited")
                                    .isEmpty();
                            return last[0] != null && pairs.size() >= 16;
                        });
            }

            EvalResult result = last[0];
            // the held-out half of the directory, labelled by its subdirectories, is the evaluation set
            assertThat(result.evalSet()).isEqualTo("two-classes-holdout");
            assertThat(result.trainCount() + result.testCount()).isBetween(12, 28);
            assertThat(result.evalSetMismatch()).isEmpty();
            assertThat(result.labelFreeSet()).isEqualTo("two-classes-holdout/test");
            assertThat(result.labelFreeCount()).isEqualTo(result.testCount());
            assertThat(result.alignment()).isBetween(0.0, 4.0);
            try (ObjectStore store = ObjectStore.connect(s3)) {
                Map<String, Object> model = modelOf(new CheckpointSets(store)
                        .read(S3Uri.parse(result.checkpointUri()))
                        .manifest()
                        .attributes());
                assertThat(model)
                        .as("the trainer records the canvas")
                        .containsEntry("fit", "pad")
                        .containsEntry("inputSize", 32);
                byte[] onnx = store.get(S3Uri.parse(result.onnxUri()), 64L << 20);
                try (OnnxEncoder encoder = OnnxEncoder.load(onnx)) {
                    EncoderMetadata metadata = encoder.metadata();
                    assertThat(metadata.resizeMode()).contains(ResizeMode.PAD);
                    assertThat(metadata.inputSize()).isEqualTo(32);
                    ImagePreprocessor fit = encoder.preprocessor();
                    for (ViewPair p : pairs.values()) {
                        DecodedImage image = images.get(p.imageId());
                        assertThat(image).as("image of " + p.imageId()).isNotNull();
                        byte[] input = fit.apply(image);
                        assertCanvas(input, image);
                        assertThat(p.height()).isEqualTo(32);
                        for (byte[] view : List.of(p.view1(), p.view2())) {
                            assertThat(java.util.Arrays.equals(view, input)
                                            || java.util.Arrays.equals(view, mirror(input, 32)))
                                    .as(
                                            "a whole-canvas view of %s is its evaluation input (or the mirror image)",
                                            p.imageId())
                                    .isTrue();
                        }
                    }
                }
            }
        } finally {
            stack.stop(System.out::println);
        }
    }

    /** The evaluation input is the 28 px image at scale 1 on a black 2-pixel border. */
    private static void assertCanvas(byte[] input, DecodedImage image) {
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                boolean inside = y >= 2 && y < 30 && x >= 2 && x < 30;
                assertThat(input[y * 32 + x] & 0xFF).isEqualTo(inside ? image.sample(y - 2, x - 2, 0) : 0);
            }
        }
    }

    private static long countIn(Path dir) throws java.io.IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private static byte[] mirror(byte[] img, int side) {
        byte[] out = new byte[img.length];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                out[y * side + x] = img[y * side + side - 1 - x];
            }
        }
        return out;
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> modelOf(Map<String, ?> attributes) {
        return (Map<String, Object>) attributes.get("model");
    }
}
