package dev.simclr.testsupport;

import dev.simclr.localstack.KafkaEndpoint;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Quarkus test resource: starts Kafka through {@link LocalInfra} and returns {@code kafka.bootstrap.servers}. Init arg
 * {@code topics} pre-creates topics, as a comma list of {@code name} or {@code name:partitions} (default 1 partition).
 */
public final class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    /** Config key returned to the application under test. */
    public static final String BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";

    private KafkaEndpoint kafka;
    private String topics = "";

    @Override
    public void init(Map<String, String> initArgs) {
        topics = initArgs.getOrDefault("topics", "");
    }

    @Override
    public Map<String, String> start() {
        kafka = LocalInfra.kafka(null);
        for (String spec : topics.split(",")) {
            String s = spec.trim();
            if (s.isEmpty()) {
                continue;
            }
            int colon = s.lastIndexOf(':');
            String name = colon < 0 ? s : s.substring(0, colon);
            int partitions = colon < 0 ? 1 : parsePartitions(s, s.substring(colon + 1));
            kafka.createTopic(name, partitions, Map.of());
        }
        return Map.of(BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    }

    private static int parsePartitions(String spec, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("KafkaTestResource topics: bad partition count in '" + spec + "'");
        }
    }

    @Override
    public void stop() {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }
}
