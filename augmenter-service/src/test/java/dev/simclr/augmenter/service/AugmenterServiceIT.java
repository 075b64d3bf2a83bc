package dev.simclr.augmenter.service;

import static dev.simclr.augmenter.testing.KafkaIo.header;
import static dev.simclr.augmenter.testing.KafkaIo.record;
import static dev.simclr.augmenter.testing.KafkaIo.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.simclr.augmenter.loop.OutputRecords;
import dev.simclr.augmenter.testing.Images;
import dev.simclr.augmenter.testing.KafkaIo;
import dev.simclr.contracts.DeadLetter;
import dev.simclr.contracts.Topics;
import dev.simclr.contracts.ViewPair;
import dev.simclr.contracts.ViewPairCodec;
import dev.simclr.objectstore.ObjectStore;
import dev.simclr.objectstore.ObjectStoreConfig;
import dev.simclr.objectstore.S3Uri;
import dev.simclr.testsupport.KafkaTestResource;
import dev.simclr.testsupport.S3TestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The packaged service against the embedded broker and S3: good images become pairs, bad ones dead letters, refs of the
 * test split (excluded by default) nothing.
 */
@QuarkusTest
@WithTestResource(
        value = KafkaTestResource.class,
        initArgs = @ResourceArg(name = "topics", value = "simclr.images:3,simclr.views:3,simclr.images.dlq:1"))
@WithTestResource(S3TestResource.class)
@WithTestResource(FileRootResource.class)
class AugmenterServiceIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "simclr.s3.endpoint")
    String s3Endpoint;

    @ConfigProperty(name = "simclr.s3.access-key")
    String s3AccessKey;

    @ConfigProperty(name = "simclr.s3.secret-key")
    String s3SecretKey;

    @ConfigProperty(name = "simclr.s3.bucket")
    String bucket;

    @ConfigProperty(name = "simclr.augmenter.fetch.file-roots")
    String fileRoot;

    @TestHTTPResource("/q/metrics")
    URL metrics;

    @TestHTTPResource("/q/health/ready")
    URL ready;

    @TestHTTPResource("/q/health/live")
    URL live;

    private ObjectStore store() {
        return ObjectStore.connect(ObjectStoreConfig.builder()
                .setEndpoint(s3Endpoint)
                .setAccessKey(s3AccessKey)
                .setSecretKey(s3SecretKey)
                .build());
    }

    private static void putAll(ObjectStore store, Map<String, byte[]> objects) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> fs = new ArrayList<>();
            objects.forEach((uri, bytes) -> fs.add(pool.submit(() -> store.put(S3Uri.parse(uri), bytes, null))));
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void twoHundredGoodImagesBecomeExactlyTwoHundredDecodablePairs() throws Exception {
        Map<String, byte[]> objects = new LinkedHashMap<>();
        List<ProducerRecord<byte[], byte[]>> input = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String uri = "s3://" + bucket + "/test/excluded-" + i + ".png";
            objects.put(uri, Images.png(16, 16, true, i));
            input.add(record(Topics.IMAGES, "excluded-" + i, "{\"uri\":\"" + uri + "\",\"split\":\"test\"}"));
        }
        for (int i = 0; i < 200; i++) {
            String id = String.format("good-%03d", i);
            int w = 8 + (i * 37) % 120;
            int h = 8 + (i * 53) % 90;
            byte[] bytes = i % 3 == 0 ? Images.jpeg(w, h, i) : Images.png(w, h, i % 2 == 0, i);
            String uri;
            if (i % 20 == 7) {
                Path file = Path.of(fileRoot).resolve(id + ".img");
                Files.write(file, bytes);
                uri = file.toUri().toString();
            } else {
                uri = "s3://" + bucket + "/good/" + id + (i % 3 == 0 ? ".jpg" : ".png");
                objects.put(uri, bytes);
            }
            input.add(
                    i % 2 == 0
                            ? record(Topics.IMAGES, id, uri)
                            : record(
                                    Topics.IMAGES,
                                    null,
                                    "{\"uri\":\"" + uri + "\",\"id\":\"" + id + "\",\"label\":" + (i % 10) + "}"));
        }
        try (ObjectStore store = store()) {
            putAll(store, objects);
        }
        KafkaIo.produce(bootstrap, input);

        List<ConsumerRecord<byte[], byte[]>> views = KafkaIo.readCommitted(
                bootstrap, Topics.VIEWS, r -> text(r.key()).startsWith("good-"), 200, WAIT, Duration.ofSeconds(3));
        assertThat(views).hasSize(200);
        assertThat(views.stream().map(r -> text(r.key())).distinct().count()).isEqualTo(200);
        for (ConsumerRecord<byte[], byte[]> r : views) {
            ViewPair p = ViewPairCodec.decode(r.value());
            assertThat(p.imageId()).isEqualTo(text(r.key()));
            assertThat(p.epoch()).isZero();
            assertThat(p.height()).isEqualTo(24);
            assertThat(p.width()).isEqualTo(24);
            assertThat(p.channels()).isEqualTo(3);
            assertThat(header(r, OutputRecords.RUN_ID_HEADER)).isEqualTo("it");
            assertThat(header(r, OutputRecords.EPOCH_HEADER)).isEqualTo("0");
        }
        assertThat(KafkaIo.readCommitted(
                        bootstrap,
                        Topics.IMAGES_DLQ,
                        r -> text(r.key()) != null
                                && (text(r.key()).startsWith("good-")
                                        || text(r.key()).startsWith("excluded-")),
                        0,
                        Duration.ofSeconds(2),
                        Duration.ZERO))
                .isEmpty();
        assertThat(KafkaIo.readCommitted(
                        bootstrap,
                        Topics.VIEWS,
                        r -> text(r.key()).startsWith("excluded-"),
                        0,
                        Duration.ofSeconds(1),
                        Duration.ZERO))
                .as("test-split refs make no view pairs")
                .isEmpty();

        String body = get(metrics);
        assertThat(metric(body, "simclr_augmenter_pairs_out_total")).isGreaterThanOrEqualTo(200);
        assertThat(metric(body, "simclr_augmenter_split_excluded_total{split=\"test\""))
                .isEqualTo(6);
        assertThat(metric(body, "simclr_augmenter_cache_max_bytes")).isEqualTo(256.0 * (1 << 20));
        assertThat(metric(body, "simclr_augmenter_cache_entries")).isPositive();
        assertThat(metric(body, "simclr_augmenter_cache_bytes")).isPositive();
        assertThat(body)
                .contains(
                        "simclr_augmenter_fetch_seconds_count",
                        "simclr_augmenter_decode_seconds_count",
                        "simclr_augmenter_augment_seconds_count",
                        "simclr_augmenter_cache_misses_total",
                        "simclr_augmenter_cache_hits_total",
                        "simclr_augmenter_cache_evictions_total",
                        "simclr_augmenter_epoch ",
                        "simclr_augmenter_paused ",
                        "simclr_augmenter_in_flight ");
        assertThat(get(ready)).containsPattern("\"status\"\\s*:\\s*\"UP\"").contains("augmenter-kafka");
        assertThat(get(live)).containsPattern("\"status\"\\s*:\\s*\"UP\"").contains("augmenter-loop");
    }

    @Test
    void fiftyBadRecordsInterleavedWithGoodOnesBecomeFiftyDeadLettersWithReasons() throws Exception {
        byte[] png = Images.png(40, 30, true, 1);
        byte[] jpeg = Images.jpeg(50, 40, 2);
        byte[] oversized = new byte[300 * 1024];
        System.arraycopy(png, 0, oversized, 0, png.length);
        String b = "s3://" + bucket + "/bad/";
        Map<String, byte[]> objects = new LinkedHashMap<>();
        objects.put(b + "empty.png", new byte[0]);
        objects.put(b + "cut.png", Arrays.copyOf(png, png.length - 30));
        objects.put(b + "cut.jpg", Arrays.copyOf(jpeg, jpeg.length / 2));
        objects.put(b + "magic.png", "this is not an image at all".getBytes());
        objects.put(b + "bomb.png", Images.pngClaiming(65535, 65535));
        objects.put(b + "big.png", oversized);
        Path outside = Files.createTempFile("outside-root-", ".png");
        outside.toFile().deleteOnExit();
        Files.write(outside, png);
        // value, expected reason
        List<String[]> kinds = List.of(
                new String[] {"{\"uri\": ", "unparseable"},
                new String[] {"", "unparseable"},
                new String[] {"images/cat.png", "unparseable"},
                new String[] {"ftp://example.com/a.png", "unsupported-uri"},
                new String[] {outside.toUri().toString(), "refused-uri"},
                new String[] {"https://example.com/a.png", "refused-uri"},
                new String[] {b + "missing.png", "not-found"},
                new String[] {"s3://no-such-bucket-zz/a.png", "not-found"},
                new String[] {b + "empty.png", "undecodable"},
                new String[] {b + "cut.png", "undecodable"},
                new String[] {b + "cut.jpg", "undecodable"},
                new String[] {b + "magic.png", "undecodable"},
                new String[] {b + "bomb.png", "too-large"},
                new String[] {b + "big.png", "too-large"});
        List<ProducerRecord<byte[], byte[]>> input = new ArrayList<>();
        Map<String, String> expectedReason = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            String goodId = String.format("mix-good-%02d", i);
            String goodUri = b + goodId + ".png";
            objects.put(goodUri, Images.png(20 + i, 20 + 2 * i, i % 2 == 0, 100 + i));
            input.add(record(Topics.IMAGES, goodId, goodUri));
            String badKey = String.format("bad-%02d", i);
            String[] kind = kinds.get(i % kinds.size());
            expectedReason.put(badKey, kind[1]);
            input.add(record(Topics.IMAGES, badKey, kind[0]));
            if (i % 10 == 0) {
                input.add(record(Topics.IMAGES, "tomb-" + i, null));
            }
        }
        try (ObjectStore store = store()) {
            putAll(store, objects);
        }
        List<RecordMetadata> sent = KafkaIo.produce(bootstrap, input);
        Map<String, RecordMetadata> where = new HashMap<>();
        for (int i = 0; i < input.size(); i++) {
            where.put(text(input.get(i).key()), sent.get(i));
        }

        List<ConsumerRecord<byte[], byte[]>> dead = KafkaIo.readCommitted(
                bootstrap,
                Topics.IMAGES_DLQ,
                r -> r.key() != null && !text(r.key()).startsWith("good-"),
                50,
                WAIT,
                Duration.ofSeconds(3));
        assertThat(dead).hasSize(50);
        assertThat(dead.stream().map(r -> text(r.key())).collect(Collectors.toSet()))
                .isEqualTo(expectedReason.keySet());
        for (ConsumerRecord<byte[], byte[]> r : dead) {
            String key = text(r.key());
            System.out.println("dead letter " + key + " [" + header(r, DeadLetter.REASON_CODE) + "] "
                    + header(r, DeadLetter.REASON) + " (" + header(r, DeadLetter.EXCEPTION_CLASS) + ")");
            ProducerRecord<byte[], byte[]> original = input.stream()
                    .filter(p -> key.equals(text(p.key())))
                    .findFirst()
                    .orElseThrow();
            assertThat(r.value()).as(key).isEqualTo(original.value());
            assertThat(header(r, DeadLetter.REASON_CODE)).as(key).isEqualTo(expectedReason.get(key));
            assertThat(header(r, DeadLetter.REASON)).as(key).isNotBlank().doesNotContain("\n");
            assertThat(header(r, DeadLetter.EXCEPTION_CLASS)).as(key).isNotBlank();
            assertThat(header(r, DeadLetter.SOURCE_TOPIC)).isEqualTo(Topics.IMAGES);
            assertThat(header(r, DeadLetter.SOURCE_PARTITION))
                    .as(key)
                    .isEqualTo(Integer.toString(where.get(key).partition()));
            assertThat(header(r, DeadLetter.SOURCE_OFFSET))
                    .as(key)
                    .isEqualTo(Long.toString(where.get(key).offset()));
            assertThat(header(r, DeadLetter.FAILED_AT)).isNotBlank();
        }
        List<ConsumerRecord<byte[], byte[]>> views = KafkaIo.readCommitted(
                bootstrap, Topics.VIEWS, r -> !text(r.key()).startsWith("good-"), 50, WAIT, Duration.ofSeconds(2));
        assertThat(views.stream().map(r -> text(r.key())).sorted().toList())
                .isEqualTo(expectedReason.keySet().stream()
                        .map(k -> k.replace("bad-", "mix-good-"))
                        .sorted()
                        .toList());
        String body = get(metrics);
        body.lines().filter(l -> l.startsWith("simclr_")).forEach(System.out::println);
        assertThat(metric(body, "simclr_augmenter_dead_letters_total{reason=\"undecodable\""))
                .isGreaterThanOrEqualTo(12);
        assertThat(metric(body, "simclr_augmenter_tombstones_total")).isGreaterThanOrEqualTo(5);
    }

    private static String get(URL url) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url.toString())).build(), HttpResponse.BodyHandlers.ofString());
        return r.body();
    }

    /** The value of the first Prometheus sample line starting with {@code prefix}. */
    private static double metric(String body, String prefix) {
        return body.lines()
                .filter(l -> l.startsWith(prefix))
                .findFirst()
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .orElseThrow(() -> new AssertionError("no metric " + prefix + " in\n" + body));
    }
}
