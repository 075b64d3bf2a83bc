package dev.simclr.augmenter.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simclr.augment.PolicyConfig;
import dev.simclr.augment.ViewPairFactory;
import dev.simclr.augment.decode.ImageDecoder;
import dev.simclr.augment.fetch.FetchException;
import dev.simclr.augment.pipeline.ImagePipeline;
import dev.simclr.augmenter.testing.Images;
import dev.simclr.augmenter.testing.KafkaIo;
import dev.simclr.contracts.DeadLetter;
import dev.simclr.contracts.ViewPairCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PollProcessorTest {

    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    private final byte[] png = Images.png(20, 20, true, 1);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private AugmenterMetrics metrics;

    @AfterEach
    void stop() {
        workers.shutdownNow();
    }

    private PollProcessor processor() {
        ImagePipeline pipeline = ImagePipeline.builder()
                .setFetcher((uri, max) -> switch (uri.getPath()) {
                    case "/ok.png" -> png;
                    case "/down.png" -> throw new FetchException(FetchException.Kind.UNAVAILABLE, "S3 is down");
                    default -> throw new FetchException(FetchException.Kind.NOT_FOUND, uri + " does not exist");
                })
                .setDecoder(ImageDecoder.withDefaults())
                .setFactory(new ViewPairFactory(PolicyConfig.simclr(8, 1)))
                .setRunSeed(1)
                .optExcludedSplits(List.of("test"))
                .build();
        LoopStatus status = new LoopStatus();
        metrics = new AugmenterMetrics(registry, status, pipeline.cache(), pipeline.excludedSplits());
        return new PollProcessor(pipeline, workers, "run-x", LoopTuning.DEFAULTS, metrics, status);
    }

    private static ConsumerRecord<byte[], byte[]> rec(int partition, long offset, String key, String value) {
        return new ConsumerRecord<>("simclr.images", partition, offset, KafkaIo.utf8(key), KafkaIo.utf8(value));
    }

    private static ConsumerRecords<byte[], byte[]> records(List<ConsumerRecord<byte[], byte[]>> list) {
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> m = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : list) {
            m.computeIfAbsent(new TopicPartition(r.topic(), r.partition()), k -> new ArrayList<>())
                    .add(r);
        }
        return new ConsumerRecords<>(m, Map.of());
    }

    @Test
    void outputsPairsDeadLettersAndOffsetsInSourceOrder() throws Exception {
        PollOutcome b = processor()
                .process(
                        records(List.of(
                                rec(0, 10, "a", "s3://bucket/ok.png"),
                                rec(0, 11, "b", "s3://bucket/missing.png"),
                                rec(0, 12, "c", null),
                                rec(1, 5, "d", "not a uri"),
                                rec(1, 6, "e", "s3://bucket/ok.png"))),
                        1);
        assertThat(b.offsets())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        new TopicPartition("simclr.images", 0), new OffsetAndMetadata(13),
                        new TopicPartition("simclr.images", 1), new OffsetAndMetadata(7)));
        assertThat(b.retryFrom()).isEmpty();
        assertThat(b.consumed()).isEqualTo(5);
        assertThat(b.pairs()).isEqualTo(2);
        assertThat(b.skipped()).isEqualTo(1);
        assertThat(b.excluded()).isEmpty();
        assertThat(b.deadLetters())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(DeadLetter.Reason.NOT_FOUND, 1, DeadLetter.Reason.UNPARSEABLE, 1));
        List<String> topics = b.outputs().stream()
                .map(r -> r.topic() + ":" + KafkaIo.text(r.key()))
                .toList();
        assertThat(topics)
                .containsExactly("simclr.views:a", "simclr.images.dlq:b", "simclr.images.dlq:d", "simclr.views:e");
        ProducerRecord<byte[], byte[]> pair = b.outputs().get(0);
        assertThat(ViewPairCodec.decode(pair.value()).epoch()).isEqualTo(1);
        assertThat(KafkaIo.text(
                        pair.headers().lastHeader(OutputRecords.RUN_ID_HEADER).value()))
                .isEqualTo("run-x");
        assertThat(KafkaIo.text(
                        pair.headers().lastHeader(OutputRecords.EPOCH_HEADER).value()))
                .isEqualTo("1");
        assertThat(KafkaIo.text(
                        pair.headers().lastHeader(OutputRecords.FIT_HEADER).value()))
                .isEqualTo("pad");
        ProducerRecord<byte[], byte[]> dead = b.outputs().get(1);
        assertThat(KafkaIo.text(dead.value())).isEqualTo("s3://bucket/missing.png");
        assertThat(KafkaIo.text(
                        dead.headers().lastHeader(DeadLetter.REASON_CODE).value()))
                .isEqualTo("not-found");
        assertThat(KafkaIo.text(
                        dead.headers().lastHeader(DeadLetter.SOURCE_OFFSET).value()))
                .isEqualTo("11");
        assertThat(KafkaIo.text(
                        dead.headers().lastHeader(DeadLetter.SOURCE_PARTITION).value()))
                .isEqualTo("0");
    }

    @Test
    void aRefOfAnExcludedSplitIsConsumedWithoutOutputAndCountedOnCommit() throws Exception {
        PollProcessor p = processor();
        PollOutcome b = p.process(
                records(List.of(
                        rec(0, 10, "a", "{\"uri\":\"s3://bucket/ok.png\",\"split\":\"train\"}"),
                        rec(0, 11, "t1", "{\"uri\":\"s3://bucket/ok.png\",\"split\":\"test\"}"),
                        rec(1, 5, "t2", "{\"uri\":\"s3://bucket/missing.png\",\"split\":\"test\"}"))),
                0);
        assertThat(b.offsets())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        new TopicPartition("simclr.images", 0), new OffsetAndMetadata(12),
                        new TopicPartition("simclr.images", 1), new OffsetAndMetadata(6)));
        assertThat(b.consumed()).isEqualTo(3);
        assertThat(b.pairs()).isEqualTo(1);
        assertThat(b.excluded()).containsExactlyEntriesOf(Map.of("test", 2));
        assertThat(b.deadLetters())
                .as("an excluded ref is never a dead letter, even if its image is missing")
                .isEmpty();
        assertThat(b.outputs()).extracting(r -> KafkaIo.text(r.key())).containsExactly("a");
        assertThat(registry.get("simclr.augmenter.split.excluded")
                        .tag("split", "test")
                        .counter()
                        .count())
                .as("registered at zero, counted only when committed")
                .isZero();
        metrics.committed(b, 1_000);
        assertThat(registry.get("simclr.augmenter.split.excluded")
                        .tag("split", "test")
                        .counter()
                        .count())
                .isEqualTo(2.0);
        assertThat(registry.get("simclr.augmenter.images.in").counter().count()).isEqualTo(3.0);
        assertThat(registry.get("simclr.augmenter.pairs.out").counter().count()).isEqualTo(1.0);
        assertThat(metrics.progressCounts().excluded()).isEqualTo(2);
    }

    @Test
    void anUnavailableStoreStopsItsPartitionAtThatRecord() throws Exception {
        PollOutcome b = processor()
                .process(
                        records(List.of(
                                rec(0, 10, "a", "s3://bucket/ok.png"),
                                rec(0, 11, "b", "s3://bucket/down.png"),
                                rec(0, 12, "c", "s3://bucket/ok.png"),
                                rec(1, 5, "d", "s3://bucket/ok.png"))),
                        0);
        assertThat(b.offsets())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        new TopicPartition("simclr.images", 0), new OffsetAndMetadata(11),
                        new TopicPartition("simclr.images", 1), new OffsetAndMetadata(6)));
        assertThat(b.retryFrom()).containsExactlyEntriesOf(Map.of(new TopicPartition("simclr.images", 0), 11L));
        assertThat(b.outputs()).extracting(r -> KafkaIo.text(r.key())).containsExactly("a", "d");
        assertThat(b.unavailableReason()).isEqualTo("S3 is down");
        assertThat(b.deadLetters()).isEmpty();
        assertThat(registry.get("simclr.augmenter.store.unavailable").counter().count())
                .isEqualTo(2.0);
    }
}
