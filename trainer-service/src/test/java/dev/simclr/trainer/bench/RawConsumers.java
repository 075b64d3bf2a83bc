package dev.simclr.trainer.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.tools.ConsumerPerformance;

/**
 * The raw anchors: Kafka's own {@code kafka-consumer-perf-test} ({@link ConsumerPerformance}, run in-process on its own
 * thread) and a plain {@link KafkaConsumer} loop with the trainer's exact settings that only reads each value's length.
 */
final class RawConsumers {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Set by the tool itself (its own group, offsets reset, deserialisers, check.crcs=false, buffers). */
    private static final Set<String> TOOL_OWNED = Set.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            ConsumerConfig.GROUP_ID_CONFIG,
            ConsumerConfig.CLIENT_ID_CONFIG,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            ConsumerConfig.CHECK_CRCS_CONFIG,
            ConsumerConfig.RECEIVE_BUFFER_CONFIG,
            ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG);

    private RawConsumers() {}

    /**
     * Runs {@code kafka-consumer-perf-test --messages records} on {@code topic} in a new group, with the trainer's
     * consumer settings in its {@code --consumer.config} and its fetch size and socket buffer set to the trainer's (the
     * tool still forces {@code check.crcs=false}).
     */
    static Measured perfTool(String bootstrap, String topic, int records, Map<String, Object> trainerProps, Path work)
            throws IOException, InterruptedException {
        Properties config = new Properties();
        trainerProps.forEach((k, v) -> {
            if (!TOOL_OWNED.contains(k)) {
                config.setProperty(k, String.valueOf(v));
            }
        });
        Path file = Files.createTempFile(work, "perf-consumer", ".properties");
        try (var out = Files.newBufferedWriter(file)) {
            config.store(out, "trainer views-consumer settings");
        }
        String[] args = {
            "--bootstrap-server",
            bootstrap,
            "--topic",
            topic,
            "--messages",
            String.valueOf(records),
            "--group",
            "bench-perf-" + UUID.randomUUID(),
            "--timeout",
            "60000",
            "--hide-header",
            "--fetch-size",
            String.valueOf(setting(trainerProps, ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 1048576)),
            "--socket-buffer-size",
            String.valueOf(setting(trainerProps, ConsumerConfig.RECEIVE_BUFFER_CONFIG, 65536)),
            "--consumer.config",
            file.toString()
        };
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        AtomicLong cpu = new AtomicLong();
        PrintStream stdout = System.out;
        synchronized (RawConsumers.class) {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                Thread t = new Thread(
                        () -> {
                            long c0 = THREADS.getCurrentThreadCpuTime();
                            ConsumerPerformance.main(args);
                            cpu.set(THREADS.getCurrentThreadCpuTime() - c0);
                        },
                        "bench-perf-tool");
                t.start();
                t.join();
            } finally {
                System.setOut(stdout);
            }
        }
        // start.time, end.time, MB, MB.sec, nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec,
        // fetch.nMsg.sec
        String out = captured.toString(StandardCharsets.UTF_8);
        for (String line : out.split("\n")) {
            String[] f = line.split(",\\s*");
            if (f.length == 10) {
                long n = Long.parseLong(f[4].trim()); // whole polls: more than asked unless the topic ends there
                if (n < records) {
                    throw new IllegalStateException("perf tool consumed " + n + " of " + records + " records: " + out);
                }
                return new Measured(
                        "kafka-consumer-perf-test", n, Long.parseLong(f[7].trim()) / 1000.0, cpu.get() / 1e9, 0);
            }
        }
        throw new IllegalStateException("no result line from kafka-consumer-perf-test: " + out);
    }

    /** A plain consumer with the trainer's settings, assigned and sought to 0, reading value lengths. */
    static Measured plainLoop(Map<String, Object> trainerProps, String topic, int partitions, int records)
            throws InterruptedException {
        AtomicReference<Measured> result = new AtomicReference<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread t = new Thread(
                () -> {
                    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(trainerProps)) {
                        List<TopicPartition> tps = new ArrayList<>();
                        for (int p = 0; p < partitions; p++) {
                            tps.add(new TopicPartition(topic, p));
                        }
                        consumer.assign(tps);
                        tps.forEach(tp -> consumer.seek(tp, 0L));
                        FetchMetrics fetchMetrics = new FetchMetrics(consumer.metrics());
                        long c0 = THREADS.getCurrentThreadCpuTime();
                        long t0 = System.nanoTime();
                        long n = 0;
                        long bytes = 0;
                        PollClock clock = new PollClock();
                        while (n < records) {
                            clock.beforePoll();
                            ConsumerRecords<byte[], byte[]> polled = consumer.poll(Duration.ofMillis(200));
                            clock.afterPoll();
                            for (ConsumerRecord<byte[], byte[]> r : polled) {
                                bytes += r.value().length;
                                n++;
                            }
                            if (System.nanoTime() - t0 > 300_000_000_000L) {
                                throw new IllegalStateException(
                                        "plain consumer: " + n + " of " + records + " after 300 s");
                            }
                        }
                        double seconds = (System.nanoTime() - t0) / 1e9;
                        System.out.println("    plain consumer: " + fetchMetrics.line());
                        System.out.println("    plain consumer: " + clock.line(t0));
                        if (bytes < n) {
                            throw new IllegalStateException("plain consumer: empty values");
                        }
                        result.set(new Measured(
                                "plain consumer", n, seconds, (THREADS.getCurrentThreadCpuTime() - c0) / 1e9, 0));
                    } catch (RuntimeException e) {
                        failure.set(e);
                    }
                },
                "bench-plain-consumer");
        t.start();
        t.join();
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }

    private static Object setting(Map<String, Object> props, String key, Object fallback) {
        Object v = props.get(key);
        return v == null ? fallback : v;
    }
}
