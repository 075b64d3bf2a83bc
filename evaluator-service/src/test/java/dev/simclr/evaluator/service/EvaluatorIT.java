package dev.simclr.evaluator.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import dev.simclr.contracts.CheckpointEvent;
import dev.simclr.contracts.CheckpointManifest;
import dev.simclr.contracts.DeadLetter;
import dev.simclr.contracts.EvalResult;
import dev.simclr.contracts.Json;
import dev.simclr.contracts.Sha256;
import dev.simclr.contracts.Topics;
import dev.simclr.model.Arch;
import dev.simclr.model.ModelConfig;
import dev.simclr.model.SimClrModel;
import dev.simclr.model.Stem;
import dev.simclr.model.train.TrainerState;
import dev.simclr.objectstore.CheckpointSets;
import dev.simclr.objectstore.ObjectStore;
import dev.simclr.objectstore.S3Uri;
import dev.simclr.testsupport.KafkaTestResource;
import dev.simclr.testsupport.S3TestResource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The service end to end on the embedded broker and S3: checkpoints written as the trainer writes them, events on
 * simclr.checkpoints, results on simclr.eval, dead letters on simclr.checkpoints.dlq, artefacts in S3, the read API.
 * Eval set: the first 500/200 Fashion-MNIST images; model: ResNet-18 small stem at 1/8 width.
 */
@QuarkusTest
@WithTestResource(
        value = KafkaTestResource.class,
        initArgs = @ResourceArg(name = "topics", value = "simclr.checkpoints,simclr.eval,simclr.checkpoints.dlq"))
@WithTestResource(value = S3TestResource.class, initArgs = @ResourceArg(name = "bucket", value = "simclr-it"))
class EvaluatorIT {

    private static final String BUCKET = "simclr-it";
    private static TopicRecorder recorder;
    private static KafkaProducer<String, byte[]> producer;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    ObjectStore store;

    @Inject
    MeterRegistry registry;

    @TestHTTPResource("/api/runs")
    URI api;

    private final HttpClient http = HttpClient.newHttpClient();

    /** Creates the Kafka clients on first use (a static @BeforeAll cannot see the injected config). */
    private void connect() {
        synchronized (EvaluatorIT.class) {
            if (producer == null) {
                Properties p = new Properties();
                p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
                p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
                p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
                producer = new KafkaProducer<>(p);
                recorder = new TopicRecorder(bootstrap, List.of(Topics.EVAL, Topics.CHECKPOINTS_DLQ));
            }
        }
    }

    @AfterAll
    static void close() {
        if (producer != null) {
            producer.close();
            recorder.close();
        }
    }

    private static ModelConfig tiny() {
        return ModelConfig.builder()
                .setChannels(1)
                .setInputSize(32)
                .optArch(Arch.RESNET18)
                .optStem(Stem.SMALL)
                .optWidth(0.125)
                .optNormalization(List.of(0.286), List.of(0.353))
                .build();
    }

    /** Writes a checkpoint set as the trainer does and returns the event announcing it. */
    private CheckpointEvent checkpoint(String run, long step) {
        TrainerState state;
        try (SimClrModel model = SimClrModel.create(tiny(), Device.cpu(), step)) {
            state = new TrainerState(tiny(), step, step, "lars", model.saveParameters(), new byte[] {9, 9});
        }
        S3Uri prefix = S3Uri.parse("s3://" + BUCKET + "/" + run + "/step-" + step + "/");
        CheckpointManifest manifest = new CheckpointSets(store)
                .write(
                        prefix,
                        state.files(),
                        CheckpointManifest.builder()
                                .setRunId(run)
                                .setStep(step)
                                .setEpoch(0)
                                .setSamplesSeen(step * 64)
                                .setCreatedAt(Instant.now())
                                .optAttributes(state.attributes())
                                .build());
        return new CheckpointEvent(
                run,
                step,
                0,
                step * 64,
                2.5,
                prefix.toString(),
                Sha256.hex(manifest.toJson().getBytes(StandardCharsets.UTF_8)),
                Instant.now());
    }

    private void send(String key, byte[] value) {
        connect();
        producer.send(new ProducerRecord<>(Topics.CHECKPOINTS, key, value));
        producer.flush();
    }

    private void send(CheckpointEvent e) {
        send(e.runId(), e.toJson().getBytes(StandardCharsets.UTF_8));
    }

    private List<EvalResult> results(String run) {
        connect();
        return recorder.matching(r -> r.topic().equals(Topics.EVAL) && run.equals(r.key())).stream()
                .map(r -> EvalResult.fromJson(r.value()))
                .toList();
    }

    private List<ConsumerRecord<String, byte[]>> deadLetters(String key) {
        connect();
        return recorder.matching(r -> r.topic().equals(Topics.CHECKPOINTS_DLQ) && key.equals(r.key()));
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(api + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private double counter(String name, String reason) {
        Counter c = registry.find(name).tag("reason", reason).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void aCheckpointEventGivesOneResultArtefactsAndApiViewsAndADuplicateGivesNothing() throws Exception {
        CheckpointEvent event = checkpoint("it-run", 10);
        send(event);
        await().atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> results("it-run").size() == 1);
        EvalResult r = results("it-run").get(0);
        assertThat(r.step()).isEqualTo(10);
        assertThat(r.checkpointUri()).isEqualTo(event.checkpointUri());
        assertThat(r.evalSet()).isEqualTo("fashion-mnist[train=500,test=200]");
        assertThat(r.trainCount()).isEqualTo(500);
        assertThat(r.testCount()).isEqualTo(200);
        assertThat(r.featureDim()).isEqualTo(64);
        // Random-init 1/8-width features of 500 images: well above chance (0.1), though the fixed probe
        // gets only 100 Adam steps on 500 images (one batch per epoch), so it stays far from converged.
        assertThat(r.linearTop1()).isBetween(0.2, 1.0);
        assertThat(r.knnTop1()).isBetween(0.2, 1.0);
        assertThat(r.linearTop5()).isGreaterThanOrEqualTo(r.linearTop1());
        assertThat(r.onnxMaxAbsDiff()).isLessThanOrEqualTo(1e-4);
        assertThat(r.timingsMs())
                .containsKeys("load", "features", "linear", "knn", "labelFree", "onnxExport", "onnxVerify", "total");
        assertThat(r.labelFreeSet()).isEqualTo("fashion-mnist/test");
        assertThat(r.labelFreeCount())
                .as("the 200 test images of the bounded set")
                .isEqualTo(200);
        assertThat(r.alignment()).isBetween(0.0, 4.0);
        assertThat(r.uniformity()).isBetween(-4.1, 0.0);
        assertThat(r.evalSetMismatch()).as("a grey model on Fashion-MNIST").isEmpty();
        assertThat(r.onnxUri()).isEqualTo("s3://simclr-it/it-run/step-10/encoder.onnx");
        assertThat(store.exists(S3Uri.parse(r.onnxUri()))).isTrue();
        assertThat(EvalResult.fromJson(store.get(S3Uri.parse("s3://simclr-it/it-run/step-10/eval.json"), 1 << 20)))
                .isEqualTo(r);
        assertThat(store.exists(S3Uri.parse("s3://simclr-it/it-run/step-10/embedding.json")))
                .isTrue();

        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> store.exists(S3Uri.parse("s3://simclr-it/it-run/reference.json")));
        JsonNode reference = Json.mapper().readTree(get("/it-run/reference").body());
        JsonNode entry = reference.path("entries").get(0);
        assertThat(entry.path("evalSet").asText()).isEqualTo(r.evalSet());
        assertThat(entry.path("rawPixels").path("linearTop1").asDouble()).isBetween(0.5, 1.0);
        assertThat(entry.path("randomInit").path("linearTop1").asDouble()).isBetween(0.2, 1.0);

        HttpResponse<String> runs = get("");
        assertThat(runs.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(runs.body()).path("runs").findValuesAsText("runId"))
                .contains("it-run");
        JsonNode results = Json.mapper().readTree(get("/it-run/results").body());
        assertThat(results).hasSize(1);
        assertThat(EvalResult.fromJson(results.get(0).toString())).isEqualTo(r);
        JsonNode embedding = Json.mapper().readTree(get("/it-run/embedding").body());
        assertThat(embedding.path("count").asInt()).isEqualTo(200);
        assertThat(embedding.path("classNames").get(0).asText()).isEqualTo("T-shirt/top");
        HttpResponse<String> missing = get("/no-such-run/results");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("unknown run 'no-such-run'");
        assertThat(get("/no-such-run/embedding").statusCode()).isEqualTo(404);
        assertThat(get("/no-such-run/reference").statusCode()).isEqualTo(404);

        HttpResponse<String> live = http.send(
                HttpRequest.newBuilder(api.resolve("/q/health/live")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.body()).contains("evaluation-worker");
        HttpResponse<String> ready = http.send(
                HttpRequest.newBuilder(api.resolve("/q/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ready.body()).contains("object-store");
        HttpRequest scrape = HttpRequest.newBuilder(api.resolve("/q/metrics")).build();
        String metrics = http.send(scrape, HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics)
                .contains(
                        "simclr_evaluator_evaluations_total",
                        "simclr_evaluator_pending",
                        "simclr_evaluator_duration_seconds_count{phase=\"features\"",
                        "simclr_evaluator_linear_top1{run=\"it-run\"");

        // The same event again: processed (skipped as already evaluated), nothing new published.
        double skippedBefore = counter("simclr.evaluator.skipped", "already-evaluated");
        send(event);
        await().atMost(Duration.ofMinutes(2))
                .until(() -> counter("simclr.evaluator.skipped", "already-evaluated") > skippedBefore);
        Thread.sleep(3000);
        assertThat(results("it-run")).hasSize(1);
        assertThat(deadLetters("it-run")).isEmpty();
    }

    @Test
    void aCorruptCheckpointIsDeadLetteredWithTheProblem() {
        CheckpointEvent event = checkpoint("it-corrupt", 20);
        S3Uri params = S3Uri.parse("s3://simclr-it/it-corrupt/step-20/" + TrainerState.PARAMETERS_FILE);
        byte[] bytes = store.get(params, 1 << 30);
        bytes[bytes.length / 2] ^= 0x5A;
        store.put(params, bytes, "application/octet-stream");
        send(event);
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> deadLetters("it-corrupt").size() == 1);
        ConsumerRecord<String, byte[]> dl = deadLetters("it-corrupt").get(0);
        assertThat(header(dl, DeadLetter.REASON_CODE)).isEqualTo("bad-checkpoint");
        assertThat(header(dl, DeadLetter.REASON))
                .startsWith("checkpoint set s3://simclr-it/it-corrupt/step-20/ does not "
                        + "verify: file parameters.djl has sha256 ")
                .contains("manifest says");
        assertThat(header(dl, DeadLetter.SOURCE_TOPIC)).isEqualTo(Topics.CHECKPOINTS);
        assertThat(new String(dl.value(), StandardCharsets.UTF_8)).isEqualTo(event.toJson());
        assertThat(results("it-corrupt")).isEmpty();
    }

    @Test
    void badJsonIsDeadLetteredAsUnparseable() {
        send("bad-json", "{\"runId\": \"x\", \"step\": ".getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> deadLetters("bad-json").size() == 1);
        ConsumerRecord<String, byte[]> dl = deadLetters("bad-json").get(0);
        assertThat(header(dl, DeadLetter.REASON_CODE)).isEqualTo("unparseable");
        assertThat(header(dl, DeadLetter.REASON)).startsWith("checkpoint event: ");
        assertThat(header(dl, DeadLetter.EXCEPTION_CLASS)).isEqualTo("dev.simclr.contracts.ContractException");
    }

    @Test
    void aBurstOfCheckpointsSkipsTheSupersededOnesAndEvaluatesTheNewest() {
        List<CheckpointEvent> events =
                List.of(checkpoint("it-burst", 1), checkpoint("it-burst", 2), checkpoint("it-burst", 3));
        double supersededBefore = counter("simclr.evaluator.skipped", "superseded");
        events.forEach(this::send);
        await().atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> results("it-burst").stream().anyMatch(r -> r.step() == 3));
        assertThat(results("it-burst"))
                .extracting(EvalResult::step)
                .doesNotContain(2L)
                .contains(3L);
        assertThat(counter("simclr.evaluator.skipped", "superseded")).isGreaterThan(supersededBefore);
    }
}
