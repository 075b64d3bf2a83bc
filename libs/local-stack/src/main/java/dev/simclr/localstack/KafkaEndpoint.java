package dev.simclr.localstack;

import java.util.Map;

/** A running Kafka cluster that tests and demos can talk to (embedded or containerised). */
public interface KafkaEndpoint extends AutoCloseable {

    /** The {@code bootstrap.servers} value clients use, e.g. {@code 127.0.0.1:40123}. */
    String bootstrapServers();

    /**
     * Creates a topic with replication factor 1 and waits until every partition has a leader. A topic that already
     * exists with the same partition count gets {@code configs} (its other configs are kept); a different partition
     * count is an error.
     *
     * @param name topic name
     * @param partitions number of partitions, at least 1
     * @param configs topic configs such as {@code retention.ms}; may be empty
     */
    void createTopic(String name, int partitions, Map<String, String> configs);

    /** Stops the cluster and releases its resources. */
    @Override
    void close();
}
