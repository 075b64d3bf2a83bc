package dev.simclr.evaluator.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.simclr.contracts.CheckpointEvent;
import dev.simclr.contracts.Json;
import dev.simclr.contracts.Topics;
import dev.simclr.contracts.ViewPairCodec;
import dev.simclr.objectstore.ObjectStore;
import dev.simclr.testsupport.KafkaTestResource;
import dev.simclr.testsupport.S3TestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in a real browser: the service runs on the embedded broker and S3 and is fed the way the pipeline feeds
 * it (view pairs on simclr.views, progress records of a real short training run on simclr.progress, checkpoint sets in
 * S3 announced on simclr.checkpoints and evaluated by the service itself); headless Chromium loads {@code /}, and the
 * DOM it serialises must hold every chart drawn with that data. A screenshot of the same page is written to
 * {@code target/dashboard.png} (and copied to {@code -Dsimclr.dashboard.screenshot=<path>}, which refreshes
 * docs/dashboard.png). Missing Chromium fails the test.
 */
@QuarkusTest
@WithTestResource(
        value = KafkaTestResource.class,
        initArgs =
                @ResourceArg(
                        name = "topics",
                        value = "simclr.checkpoints,simclr.eval,simclr.checkpoints.dlq,simclr.progress,simclr.views:2"))
@WithTestResource(value = S3TestResource.class, initArgs = @ResourceArg(name = "bucket", value = "simclr-it"))
class DashboardIT {

    private static final String BUCKET = "simclr-it";
    private static final String RUN = "dashboard-demo";
    private static final int PAIRS = 8;
    private static final int STEPS_PER_CHECKPOINT = 30;
    private static final int CHECKPOINTS = 3;
    /** Where to copy the screenshot too, e.g. {@code -Dsimclr.dashboard.screenshot=../docs/dashboard.png}. */
    private static final String SCREENSHOT_PROPERTY = "simclr.dashboard.screenshot";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "simclr.evaluator.eval-set")
    String evalSet;

    @Inject
    ObjectStore store;

    @TestHTTPResource("/")
    URI page;

    private final HttpClient http = HttpClient.newHttpClient();

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r =
                http.send(HttpRequest.newBuilder(page.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? Json.mapper().readTree(r.body()) : null;
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    /** Feeds the service: views, a real training run's progress, evaluated checkpoints. */
    private void feed() throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap);
                TrainingRun run = new TrainingRun(RUN, Path.of(evalSet), 512, 32, CHECKPOINTS * STEPS_PER_CHECKPOINT)) {
            for (int i = 0; i < 3 * PAIRS; i++) {
                var pair = run.pair(i, 0);
                producer.send(new ProducerRecord<>(Topics.VIEWS, pair.imageId(), ViewPairCodec.encode(pair)));
            }
            for (int c = 1; c <= CHECKPOINTS; c++) {
                double[] loss = new double[1];
                run.train(STEPS_PER_CHECKPOINT, p -> {
                    loss[0] = p.loss();
                    producer.send(new ProducerRecord<>(
                            Topics.PROGRESS, p.runId(), p.toJson().getBytes(StandardCharsets.UTF_8)));
                });
                CheckpointEvent event = run.checkpoint(store, BUCKET, loss[0]);
                producer.send(new ProducerRecord<>(
                        Topics.CHECKPOINTS, RUN, event.toJson().getBytes(StandardCharsets.UTF_8)));
                producer.flush();
                int expected = c;
                // one at a time: the evaluator skips superseded checkpoints of a burst, the chart wants each
                await().atMost(Duration.ofMinutes(4))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> {
                            JsonNode results = get("api/runs/" + RUN + "/results");
                            return results != null && results.size() >= expected;
                        });
            }
        }
    }

    @Test
    void everyChartOfThePageIsDrawnWithTheServicesData() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.require();
        feed();
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    JsonNode progress = get("api/runs/" + RUN + "/progress");
                    JsonNode samples = get("api/samples?n=" + PAIRS);
                    return progress != null
                            && progress.path("latest").path("step").asLong() == CHECKPOINTS * STEPS_PER_CHECKPOINT
                            && get("api/runs/" + RUN + "/reference") != null
                            && get("api/runs/" + RUN + "/embedding") != null
                            && samples != null
                            && samples.path("pairs").size() == PAIRS;
                });
        JsonNode embedding = get("api/runs/" + RUN + "/embedding");

        String dom = chromium.dumpDom(page, Duration.ofSeconds(8));

        assertThat(dom).contains("<option value=\"" + RUN + "\">");
        assertThat(section(dom, "status"))
                .contains("step " + CHECKPOINTS * STEPS_PER_CHECKPOINT + " / " + CHECKPOINTS * STEPS_PER_CHECKPOINT)
                .contains("views/s")
                .contains("checkpoint " + CHECKPOINTS * STEPS_PER_CHECKPOINT + ": linear");

        String loss = card(dom, "loss-card");
        assertThat(loss).contains("data-state=\"data\"");
        assertThat(pathPoints(loss, "series-loss"))
                .as("a point per progress record")
                .isEqualTo(CHECKPOINTS * STEPS_PER_CHECKPOINT);
        assertThat(segments(loss, "series-loss")).isEqualTo(CHECKPOINTS * STEPS_PER_CHECKPOINT);
        String rate = card(dom, "rate-card");
        assertThat(rate).contains("data-state=\"data\"");
        assertThat(pathPoints(rate, "series-rate")).isEqualTo(CHECKPOINTS * STEPS_PER_CHECKPOINT);

        // one card per metric group of /api/metrics, series named after the metrics
        assertThat(get("api/metrics").path("metrics").findValuesAsText("name"))
                .containsExactly("linear_top1", "knn_top1", "linear_top5", "knn_top5", "alignment", "uniformity");
        String accuracy = card(dom, "metric-top-1-accuracy");
        assertThat(accuracy).contains("Top-1 accuracy per checkpoint");
        assertThat(count(accuracy, "class=\"marker marker-linear_top1\""))
                .as("a circle per checkpoint")
                .isEqualTo(CHECKPOINTS);
        assertThat(count(accuracy, "class=\"marker marker-knn_top1\""))
                .as("a square per checkpoint")
                .isEqualTo(CHECKPOINTS);
        assertThat(pathPoints(accuracy, "series-linear_top1")).isEqualTo(CHECKPOINTS);
        for (String ref : new String[] {"raw-linear_top1", "raw-knn_top1", "random-linear_top1", "random-knn_top1"}) {
            assertThat(count(accuracy, "data-ref=\"" + ref + "\""))
                    .as("reference line " + ref)
                    .isEqualTo(1);
        }
        String top5 = card(dom, "metric-top-5-accuracy");
        assertThat(count(top5, "class=\"marker marker-linear_top5\""))
                .as("10 classes: top-5 too")
                .isEqualTo(CHECKPOINTS);
        assertThat(count(top5, "class=\"marker marker-knn_top5\"")).isEqualTo(CHECKPOINTS);

        String labelFree = card(dom, "metric-representation-without-labels");
        assertThat(count(labelFree, "class=\"marker marker-alignment\""))
                .as("alignment per checkpoint")
                .isEqualTo(CHECKPOINTS);
        assertThat(count(labelFree, "class=\"marker marker-uniformity\"")).isEqualTo(CHECKPOINTS);
        assertThat(labelFree).contains("held-out images of fashion-mnist/test");
        assertThat(dom).as("no empty evaluation placeholder").contains("id=\"metrics-empty\" style=\"display: none;\"");

        String scatter = card(dom, "embedding-card");
        assertThat(scatter).contains("data-state=\"data\"");
        int dots = count(scatter, "class=\"dot\"");
        assertThat(dots)
                .as("a dot per evaluation image")
                .isEqualTo(embedding.path("x").size())
                .isGreaterThanOrEqualTo(100);
        Set<String> colours = new HashSet<>();
        Matcher fill = Pattern.compile("class=\"dot\"[^>]*fill=\"([^\"]+)\"").matcher(scatter);
        while (fill.find()) {
            colours.add(fill.group(1));
        }
        assertThat(colours).as("coloured by label").hasSizeGreaterThanOrEqualTo(2);
        assertThat(count(scatter, "class=\"swatch\""))
                .as("legend of class names")
                .isEqualTo(colours.size());
        assertThat(scatter).contains("T-shirt/top");

        String views = card(dom, "views-card");
        assertThat(views).contains("data-state=\"data\"");
        assertThat(count(views, "class=\"pair\"")).isEqualTo(PAIRS);
        assertThat(count(views, "src=\"data:image/png;base64,"))
                .as("two views per pair")
                .isEqualTo(2 * PAIRS);

        Path png = Path.of("target", "dashboard.png");
        chromium.screenshot(page, png, 1400, 1000, Duration.ofSeconds(8));
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes.length).isGreaterThan(20_000);
        assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
        String docs = System.getProperty(SCREENSHOT_PROPERTY);
        if (docs != null) {
            Files.copy(png, Path.of(docs), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The element with id {@code id} up to its section's end (or the header's, for the status line). */
    private static String section(String dom, String id) {
        int from = dom.indexOf("id=\"" + id + "\"");
        assertThat(from).as("element #" + id).isNotNegative();
        int to = dom.indexOf("</p>", from);
        return dom.substring(from, to);
    }

    private static String card(String dom, String id) {
        int from = dom.indexOf("id=\"" + id + "\"");
        assertThat(from).as("card #" + id).isNotNegative();
        int to = dom.indexOf("</section>", from);
        return dom.substring(from, to);
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    /** The {@code data-points} of the series path with class {@code series}. */
    private static int pathPoints(String s, String series) {
        Matcher m = Pattern.compile("class=\"series " + series + "\"[^>]*data-points=\"(\\d+)\"")
                .matcher(s);
        assertThat(m.find()).as("path of " + series).isTrue();
        return Integer.parseInt(m.group(1));
    }

    /** The number of points actually drawn in that path ({@code M} plus every {@code L}). */
    private static int segments(String s, String series) {
        Matcher m = Pattern.compile("class=\"series " + series + "\" d=\"([^\"]+)\"")
                .matcher(s);
        assertThat(m.find()).as("path of " + series).isTrue();
        return count(m.group(1), "M") + count(m.group(1), "L");
    }
}
