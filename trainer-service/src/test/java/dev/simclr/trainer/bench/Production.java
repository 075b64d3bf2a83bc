package dev.simclr.trainer.bench;

import dev.simclr.contracts.ViewPairHeaders;
import dev.simclr.localstack.EmbeddedKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes the bench's view pairs to a topic as the augmenter does (idempotent, acks=all) and measures it. */
final class Production {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * What producing one topic cost.
     *
     * @param compression the producer's compression.type
     * @param records records written
     * @param bytes key + value bytes written (what consumers count)
     * @param diskBytes size of the topic's log segments afterwards
     * @param seconds wall time of the sends and the final flush
     * @param sendCpuSeconds CPU of the sending thread (serialisation, compression happens here on append)
     * @param networkCpuSeconds CPU of the producer's network thread
     */
    record Produced(
            String compression,
            long records,
            long bytes,
            long diskBytes,
            double seconds,
            double sendCpuSeconds,
            double networkCpuSeconds) {

        @Override
        public String toString() {
            return String.format(
                    "%s: %d records, %.1f MiB, %.1f MiB on disk, %.1f s, cpu send %.2f s + network %.2f s",
                    compression,
                    records,
                    bytes / 1048576.0,
                    diskBytes / 1048576.0,
                    seconds,
                    sendCpuSeconds,
                    networkCpuSeconds);
        }
    }

    private Production() {}

    /**
     * Sends {@code records} values cycled from {@code values}, keyed by a distinct image id, with the augmenter's
     * headers.
     */
    static Produced produce(
            EmbeddedKafka kafka, String topic, List<byte[]> values, int records, String compression, String fit)
            throws InterruptedException, ExecutionException {
        String clientId = "bench-producer-" + compression;
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                "true",
                ProducerConfig.COMPRESSION_TYPE_CONFIG,
                compression,
                ProducerConfig.CLIENT_ID_CONFIG,
                clientId,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class.getName());
        long bytes = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            awaitLeaders(producer, topic);
            long c0 = THREADS.getCurrentThreadCpuTime();
            long net0 = networkCpu(clientId);
            long t0 = System.nanoTime();
            List<Future<RecordMetadata>> sent = new java.util.ArrayList<>(records);
            for (int i = 0; i < records; i++) {
                byte[] key = ("fashion-mnist/train/" + i).getBytes(StandardCharsets.UTF_8);
                byte[] value = values.get(i % values.size());
                RecordHeaders headers = new RecordHeaders();
                headers.add(ViewPairHeaders.RUN_ID, "bench".getBytes(StandardCharsets.UTF_8));
                headers.add(ViewPairHeaders.EPOCH, "0".getBytes(StandardCharsets.UTF_8));
                headers.add(ViewPairHeaders.FIT, fit.getBytes(StandardCharsets.UTF_8));
                sent.add(producer.send(new ProducerRecord<>(topic, null, key, value, headers)));
                bytes += key.length + value.length;
            }
            producer.flush();
            Map<Integer, Long> ends = new java.util.HashMap<>();
            for (Future<RecordMetadata> f : sent) {
                RecordMetadata m = f.get(); // every send acknowledged, none failed
                ends.merge(m.partition(), m.offset() + 1, Math::max);
            }
            long total = ends.values().stream().mapToLong(Long::longValue).sum();
            if (total != records) {
                throw new IllegalStateException(topic + ": " + total + " records in the log, " + records + " sent");
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double send = (THREADS.getCurrentThreadCpuTime() - c0) / 1e9;
            double net = (networkCpu(clientId) - net0) / 1e9;
            return new Produced(compression, records, bytes, diskBytes(kafka, topic), seconds, send, net);
        }
    }

    /**
     * Waits until every partition of a new topic has a leader and the broker accepts writes to it (a send right after
     * creation can meet NOT_LEADER_OR_FOLLOWER, and the idempotent producer's retry of the first batch then fails with
     * out-of-order sequences).
     */
    private static void awaitLeaders(KafkaProducer<byte[], byte[]> producer, String topic) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (producer.partitionsFor(topic).stream()
                .anyMatch(p -> p.leader() == null || p.leader().isEmpty())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(topic + ": partitions without a leader after 30 s");
            }
            Thread.sleep(200);
        }
        Thread.sleep(2_000);
    }

    /** The 1-, 5- and 15-minute load averages. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static long networkCpu(String clientId) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("kafka-producer-network-thread | " + clientId))
                .mapToLong(t -> THREADS.getThreadCpuTime(t.getId()))
                .sum();
    }

    private static long diskBytes(EmbeddedKafka kafka, String topic) {
        try (Stream<Path> files = Files.walk(kafka.dataDir().resolve("kafka-logs"))) {
            return files.filter(f -> f.getParent().getFileName().toString().startsWith(topic + "-")
                            && f.getFileName().toString().endsWith(".log"))
                    .mapToLong(f -> {
                        try {
                            return Files.size(f);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
