package dev.simclr.augmenter.loop;

import dev.simclr.augment.PolicyConfig;
import dev.simclr.augment.ViewPairFactory;
import dev.simclr.augment.cache.CacheContent;
import dev.simclr.augment.cache.EpochCache;
import dev.simclr.augment.decode.ImageDecoder;
import dev.simclr.augment.fetch.FileFetcher;
import dev.simclr.augment.fetch.ImageFetcher;
import dev.simclr.augment.pipeline.ImagePipeline;
import dev.simclr.augmenter.config.AugmenterSetup;
import dev.simclr.augmenter.testing.AugmenterConfigs;
import dev.simclr.augmenter.testing.Images;
import dev.simclr.augmenter.testing.KafkaIo;
import dev.simclr.contracts.Topics;
import dev.simclr.contracts.ViewPair;
import dev.simclr.contracts.ViewPairCodec;
import dev.simclr.kafka.KafkaSettings;
import dev.simclr.localstack.EmbeddedKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** An embedded broker, a directory of PNGs and helpers to run {@link AugmenterLoop}s against them. */
final class LoopFixture implements AutoCloseable {

    final EmbeddedKafka kafka;
    final Path dir;

    LoopFixture(Map<String, String> brokerOverrides) {
        kafka = EmbeddedKafka.start(null, brokerOverrides);
        try {
            dir = Files.createTempDirectory("augmenter-loop-it-").toRealPath();
        } catch (IOException e) {
            kafka.close();
            throw new UncheckedIOException(e);
        }
    }

    /** Topic names of one test: {@code <name>.images} (with its .dlq) and {@code <name>.views}. */
    record TestTopics(String images, String views, String dlq) {}

    TestTopics topics(String name, int imagePartitions, int viewPartitions) {
        TestTopics t = new TestTopics(name + ".images", name + ".views", Topics.dlq(name + ".images"));
        kafka.createTopic(t.images(), imagePartitions, Map.of());
        kafka.createTopic(t.views(), viewPartitions, Map.of());
        kafka.createTopic(t.dlq(), 1, Map.of());
        return t;
    }

    /** Writes {@code n} small PNGs named {@code <prefix>-<i>.png}; returns id → file URI. */
    Map<String, String> images(String prefix, int n) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String id = prefix + "-" + i;
            Path f = dir.resolve(id + ".png");
            try {
                Files.write(f, Images.png(12 + i % 17, 10 + (i * 7) % 23, i % 2 == 0, i));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.put(id, f.toUri().toString());
        }
        return out;
    }

    /** Pushes id → uri records onto {@code topic}. */
    void push(String topic, Map<String, String> images) {
        List<org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        images.forEach((id, uri) -> records.add(KafkaIo.record(topic, id, uri)));
        KafkaIo.produce(kafka.bootstrapServers(), records);
    }

    /**
     * A pipeline reading files under the fixture directory (16×16 grey views, an 8 MiB cache, refs of split
     * {@code test} excluded as by the service's default), its fetcher wrapped by {@code wrap}.
     */
    ImagePipeline pipeline(UnaryOperator<ImageFetcher> wrap) {
        ImageFetcher files = FileFetcher.underRoots(List.of(dir));
        return ImagePipeline.builder()
                .setFetcher(wrap.apply(files))
                .setDecoder(ImageDecoder.withDefaults())
                .setFactory(new ViewPairFactory(PolicyConfig.simclr(16, 1)))
                .setRunSeed(7)
                .optCache(EpochCache.of(8 << 20, CacheContent.AUTO))
                .optExcludedSplits(List.of("test"))
                .build();
    }

    /**
     * The configuration of a test run on this broker: 2 workers, 5 records per poll and transaction, no lag gate,
     * progress every 2 s, a 10 s transaction timeout; then {@code keys} ({@code simclr.augmenter.*} without the
     * prefix).
     */
    AugmenterSetup setup(String runId, int epochs, Map<String, String> keys) {
        Map<String, String> all = new LinkedHashMap<>(Map.of(
                "run-id",
                runId,
                "epochs",
                Integer.toString(epochs),
                "workers",
                "2",
                "max-poll-records",
                "5",
                "max-views-lag",
                "0",
                "progress-interval",
                "2s",
                "transaction-timeout",
                "10s"));
        all.putAll(keys);
        return AugmenterConfigs.setup(KafkaSettings.bootstrap(kafka.bootstrapServers()), all);
    }

    /** The test's topics, short intervals and timeouts. */
    LoopTuning tuning(TestTopics t) {
        return LoopTuning.DEFAULTS
                .withTopics(t.images(), t.views())
                .withIntervals(Duration.ofMillis(200), Duration.ofMillis(100))
                .withBackoff(Duration.ofMillis(100), Duration.ofMillis(800))
                .withShutdownTimeout(Duration.ofSeconds(10))
                .withConsumerProperty(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000)
                .withConsumerProperty(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 500)
                .withConsumerProperty(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 30_000);
    }

    /** Read_committed view pairs of {@code topic}: waits for {@code expected}, then 3 s more for extras. */
    List<ViewPair> views(String topic, int expected, Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> records = KafkaIo.readCommitted(
                kafka.bootstrapServers(), topic, r -> true, expected, timeout, Duration.ofSeconds(3));
        return records.stream().map(r -> ViewPairCodec.decode(r.value())).toList();
    }

    /** Wraps a fetcher so that every fetch first sleeps {@code millis} (batches then take a while). */
    static ImageFetcher slow(ImageFetcher f, long millis) {
        return (uri, max) -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return f.fetch(uri, max);
        };
    }

    @Override
    public void close() {
        kafka.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
