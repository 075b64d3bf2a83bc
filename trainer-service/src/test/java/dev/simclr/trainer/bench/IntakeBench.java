package dev.simclr.trainer.bench;

import dev.simclr.localstack.EmbeddedKafka;
import dev.simclr.model.ModelConfig;
import dev.simclr.model.engine.Torch;
import dev.simclr.trainer.config.TrainerSetup;
import dev.simclr.trainer.loop.TrainerConsumerConfig;
import dev.simclr.trainer.testing.TrainerConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The trainer's data path at GPU rates: 224 px RGB view pairs through an embedded broker into the trainer's real intake
 * (consume, verify, batch, copy into a uint8 NDArray; no model step), side by side in the same JVM and run with Kafka's
 * own {@code kafka-consumer-perf-test} and a plain consumer on the same topic, for each compression of the topic.
 * Prints the production table (bytes on disk, producer CPU) and the consumption table (views/s, MiB/s, ratio to the
 * perf tool, CPU per thread).
 *
 * <p>Usage: {@code IntakeBench [--pairs 5120] [--partitions 6] [--compressions none,lz4,zstd] [--rounds 3]
 * [--batch-size 256] [--warmup 1024] [--pool 256] [--noise 0] [--fmnist /usr/share/datasets/fashion-mnist] [--kafka
 * receive.buffer.bytes=-1,...]}; see {@code trainer-service/bench/intake-bench.sh}.
 */
public final class IntakeBench {

    private IntakeBench() {}

    /** Runs the bench; see the class comment for the options. */
    public static void main(String[] argv) throws Exception {
        quietLogs();
        Map<String, String> a = options(argv);
        int pairs = Integer.parseInt(a.getOrDefault("pairs", "5120"));
        int partitions = Integer.parseInt(a.getOrDefault("partitions", "6"));
        List<String> compressions =
                List.of(a.getOrDefault("compressions", "none,lz4,zstd").split(","));
        int rounds = Integer.parseInt(a.getOrDefault("rounds", "3"));
        int batchSize = Integer.parseInt(a.getOrDefault("batch-size", "256"));
        int warmup = Integer.parseInt(a.getOrDefault("warmup", "1024"));
        int pool = Integer.parseInt(a.getOrDefault("pool", "256"));
        double noise = Double.parseDouble(a.getOrDefault("noise", "0"));
        Path fmnist = Path.of(a.getOrDefault("fmnist", "/usr/share/datasets/fashion-mnist"));
        ModelConfig model =
                ModelConfig.builder().setChannels(3).setInputSize(224).build();

        System.out.printf(
                "# intake bench: %d pairs of 224x224x3 per topic, %d partitions, batch %d, %d rounds, "
                        + "content: Fashion-MNIST upscaled + tinted, noise sigma %.1f (%d distinct pairs cycled)%n",
                pairs, partitions, batchSize, rounds, noise, pool);
        List<byte[]> values = FashionViews.load(fmnist).encodedPairs(pool, 224, noise, 42);
        Torch.engine();
        Path work = Files.createTempDirectory("intake-bench");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(null);
                KafkaProducer<byte[], byte[]> dlq = new KafkaProducer<>(dlqProps(kafka.bootstrapServers()))) {
            List<String> keys = new ArrayList<>(List.of(
                    "kafka.bootstrap.servers",
                    kafka.bootstrapServers(),
                    "simclr.trainer.run-id",
                    "bench",
                    "simclr.trainer.bucket",
                    "bench",
                    "simclr.trainer.model.channels",
                    String.valueOf(model.channels()),
                    "simclr.trainer.model.input-size",
                    String.valueOf(model.inputSize()),
                    "simclr.trainer.model.mean",
                    "",
                    "simclr.trainer.model.std",
                    "", // ImageNet's, as model's
                    "simclr.trainer.batch-size",
                    String.valueOf(batchSize),
                    "simclr.trainer.total-steps",
                    "1"));
            for (String kv : a.getOrDefault("kafka", "").split(",")) {
                if (!kv.isBlank()) {
                    keys.add("kafka." + kv.substring(0, kv.indexOf('=')));
                    keys.add(kv.substring(kv.indexOf('=') + 1));
                }
            }
            TrainerSetup settings = TrainerConfigs.setup(keys.toArray(String[]::new));
            Map<String, Object> consumerProps = TrainerConsumerConfig.viewsConsumer(settings);
            System.out.println("# trainer views-consumer settings: " + consumerProps);
            Map<String, Production.Produced> produced = new LinkedHashMap<>();
            for (String c : compressions) {
                String topic = "bench.views." + c;
                kafka.createTopic(topic, partitions, Map.of("segment.bytes", "268435456"));
                produced.put(
                        c,
                        Production.produce(
                                kafka, topic, values, pairs, c, model.fit().id()));
                System.out.println("# produced " + produced.get(c));
            }
            String first = "bench.views." + compressions.get(0);
            System.out.println("# warm-up: " + warmup + " records per path from " + first);
            RawConsumers.perfTool(kafka.bootstrapServers(), first, warmup, consumerProps, work);
            RawConsumers.plainLoop(consumerProps, first, partitions, warmup);
            IntakeRun.run(
                    consumerProps,
                    first,
                    partitions,
                    warmup,
                    batchSize,
                    settings.config().queueCapacity(),
                    model,
                    dlq);

            Map<String, List<Measured>> results = new LinkedHashMap<>();
            for (int r = 1; r <= rounds; r++) {
                for (String c : compressions) {
                    String topic = "bench.views." + c;
                    List<Measured> round = new ArrayList<>();
                    boolean forward = r % 2 == 1;
                    for (int step = 0; step < 4; step++) {
                        int path = forward ? step : 3 - step;
                        System.gc(); // the previous path's garbage (dead batches in the old generation) is not this
                        // path's cost
                        long gc0 = gcMillis();
                        Measured m = switch (path) {
                            case 0 ->
                                RawConsumers.perfTool(kafka.bootstrapServers(), topic, pairs, consumerProps, work);
                            case 1 -> RawConsumers.plainLoop(consumerProps, topic, partitions, pairs);
                            case 2 ->
                                IntakeRun.run(
                                        consumerProps,
                                        topic,
                                        partitions,
                                        pairs,
                                        batchSize,
                                        settings.config().queueCapacity(),
                                        model,
                                        dlq,
                                        false);
                            default ->
                                IntakeRun.run(
                                        consumerProps,
                                        topic,
                                        partitions,
                                        pairs,
                                        batchSize,
                                        settings.config().queueCapacity(),
                                        model,
                                        dlq);
                        };
                        long gcMs = gcMillis() - gc0;
                        round.add(m);
                        results.computeIfAbsent(c + "|" + m.path(), k -> new ArrayList<>())
                                .add(m);
                        System.out.printf(
                                "round %d %-5s %-25s %8.0f views/s %7.1f MiB/s  cpu %.2f s + %.2f s  gc %d ms  (load %s)%n",
                                r,
                                c,
                                m.path(),
                                m.viewsPerSecond(),
                                m.mibPerSecond(produced.get(c).bytes()),
                                m.consumerCpuSeconds(),
                                m.stageCpuSeconds(),
                                gcMs,
                                Production.loadAverage());
                    }
                }
            }
            Report.print(System.out, produced, results, compressions);
        }
    }

    /**
     * Warnings only, to stderr. Unconfigured, the JBoss LogManager leaves every level enabled, and the Kafka clients
     * then format their TRACE messages (whole fetch requests) on the polling threads.
     */
    private static void quietLogs() {
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        for (java.util.logging.Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        root.setLevel(java.util.logging.Level.WARNING);
        java.util.logging.ConsoleHandler console = new java.util.logging.ConsoleHandler();
        console.setLevel(java.util.logging.Level.WARNING);
        root.addHandler(console);
        if (org.slf4j.LoggerFactory.getLogger("org.apache.kafka.clients.consumer")
                .isTraceEnabled()) {
            throw new IllegalStateException("TRACE is still enabled for the Kafka clients: the numbers would be wrong");
        }
    }

    private static long gcMillis() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime)
                .sum();
    }

    private static Map<String, Object> dlqProps(String bootstrap) {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                "true",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class.getName());
    }

    private static Map<String, String> options(String[] argv) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < argv.length; i++) {
            if (!argv[i].startsWith("--") || i + 1 >= argv.length) {
                throw new IllegalArgumentException("usage: --name value ..., got " + argv[i]);
            }
            out.put(argv[i].substring(2), argv[++i]);
        }
        return out;
    }
}
