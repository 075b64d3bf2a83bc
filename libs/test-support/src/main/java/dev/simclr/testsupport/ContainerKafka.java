package dev.simclr.testsupport;

import dev.simclr.localstack.KafkaEndpoint;
import dev.simclr.localstack.TopicAdmin;
import java.util.Map;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/** Kafka in a Docker container (Testcontainers, {@value #IMAGE}), used when Docker is available. */
final class ContainerKafka implements KafkaEndpoint {

    /** The image: the same Kafka version as the embedded broker and the clients. */
    static final String IMAGE = "apache/kafka:4.1.2";

    private final KafkaContainer container;
    private final TopicAdmin admin;

    private ContainerKafka(KafkaContainer container) {
        this.container = container;
        this.admin = new TopicAdmin(container.getBootstrapServers());
    }

    static ContainerKafka start() {
        KafkaContainer container = new KafkaContainer(DockerImageName.parse(IMAGE))
                .withEnv("KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS", "1")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        container.start();
        return new ContainerKafka(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        admin.createTopic(name, partitions, configs);
    }

    @Override
    public void close() {
        admin.close();
        container.stop();
    }
}
