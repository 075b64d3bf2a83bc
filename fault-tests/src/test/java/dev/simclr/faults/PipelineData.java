package dev.simclr.faults;

import dev.simclr.contracts.ImageRef;
import dev.simclr.contracts.Topics;
import dev.simclr.localstack.EmbeddedKafka;
import dev.simclr.objectstore.ObjectStore;
import dev.simclr.objectstore.S3Uri;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The pipeline's topics, synthetic images in S3 with their records on {@code simclr.images}, and reading topics back.
 */
final class PipelineData {

    private PipelineData() {}

    /** The pipeline's topics: images and views with {@code partitions}, the rest with one. */
    static void createTopics(EmbeddedKafka kafka, int partitions) {
        kafka.createTopic(Topics.IMAGES, partitions, Map.of());
        kafka.createTopic(Topics.VIEWS, partitions, Map.of());
        for (String t : List.of(
                Topics.CHECKPOINTS,
                Topics.EVAL,
                Topics.PROGRESS,
                Topics.IMAGES_DLQ,
                Topics.VIEWS_DLQ,
                Topics.CHECKPOINTS_DLQ)) {
            kafka.createTopic(t, 1, Map.of());
        }
    }

    /** Uploads {@code count} 28x28 grey PNGs (seeded shapes on noise) and pushes one ImageRef per image. */
    static void importImages(ObjectStore store, String bucket, String bootstrap, int count) {
        store.ensureBucket(bucket);
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                String id = "img-" + i;
                S3Uri uri = new S3Uri(bucket, "faults/" + id + ".png");
                store.put(uri, png(i), "image/png");
                producer.send(new ProducerRecord<>(
                        Topics.IMAGES,
                        id.getBytes(StandardCharsets.UTF_8),
                        new ImageRef(uri.toString(), id, null, null, null)
                                .toJson()
                                .getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }

    private static byte[] png(int seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                int v = rng.nextInt(40);
                img.getRaster().setSample(x, y, 0, v);
            }
        }
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(160 + rng.nextInt(96), 160 + rng.nextInt(96), 160 + rng.nextInt(96)));
        g.fillOval(rng.nextInt(14), rng.nextInt(14), 6 + rng.nextInt(14), 6 + rng.nextInt(14));
        g.dispose();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every committed record of {@code topic} (read_committed, all partitions), until {@code quiet} passes without
     * news.
     */
    static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic, Duration quiet) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(topic, i.partition()))
                    .toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            long until = System.nanoTime() + quiet.toNanos();
            while (System.nanoTime() < until) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    out.add(r);
                    until = System.nanoTime() + quiet.toNanos();
                }
            }
            return out;
        }
    }
}
