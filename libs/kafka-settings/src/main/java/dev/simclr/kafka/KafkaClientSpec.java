package dev.simclr.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * One Kafka client of a service, as the code needs it: tuning defaults (a {@code kafka.*} setting wins over them) and
 * fixed values (exactly-once and codec settings the code depends on; a conflicting {@code kafka.*} setting is refused
 * by {@link KafkaSettings#check}). Immutable: each {@code tune}/{@code fix} returns a new spec.
 *
 * @param name what the client is for, e.g. {@code "views consumer"} (used in messages)
 * @param kind producer, consumer or admin client
 * @param defaults tuning defaults
 * @param fixed values that must not be changed
 */
public record KafkaClientSpec(String name, Kind kind, Map<String, Object> defaults, Map<String, Object> fixed) {

    /** The three client types; each accepts its own set of configuration keys. */
    public enum Kind {
        /** {@code KafkaProducer}. */
        PRODUCER(ProducerConfig.configNames()),
        /** {@code KafkaConsumer}. */
        CONSUMER(ConsumerConfig.configNames()),
        /** {@code Admin}. */
        ADMIN(AdminClientConfig.configNames());

        private final Set<String> keys;

        Kind(Set<String> keys) {
            this.keys = Set.copyOf(keys);
        }

        /** Whether this kind of client accepts {@code key}. */
        public boolean accepts(String key) {
            return keys.contains(key);
        }
    }

    /** Copies the maps. */
    public KafkaClientSpec {
        if (name == null || name.isBlank() || kind == null) {
            throw new IllegalArgumentException("a Kafka client spec needs a name and a kind");
        }
        defaults = Map.copyOf(defaults);
        fixed = Map.copyOf(fixed);
    }

    /** A producer without defaults or fixed values yet. */
    public static KafkaClientSpec producer(String name) {
        return new KafkaClientSpec(name, Kind.PRODUCER, Map.of(), Map.of());
    }

    /** A consumer without defaults or fixed values yet. */
    public static KafkaClientSpec consumer(String name) {
        return new KafkaClientSpec(name, Kind.CONSUMER, Map.of(), Map.of());
    }

    /** An admin client without defaults or fixed values yet. */
    public static KafkaClientSpec admin(String name) {
        return new KafkaClientSpec(name, Kind.ADMIN, Map.of(), Map.of());
    }

    /** This spec with a tuning default ({@code kafka.<key>} overrides it). */
    public KafkaClientSpec tune(String key, Object value) {
        requireKey(key);
        Map<String, Object> d = new LinkedHashMap<>(defaults);
        d.put(key, value);
        return new KafkaClientSpec(name, kind, d, fixed);
    }

    /** This spec with a fixed value ({@code kafka.<key>} with another value is refused). */
    public KafkaClientSpec fix(String key, Object value) {
        requireKey(key);
        Map<String, Object> f = new LinkedHashMap<>(fixed);
        f.put(key, value);
        return new KafkaClientSpec(name, kind, defaults, f);
    }

    private void requireKey(String key) {
        if (!kind.accepts(key)) {
            throw new IllegalArgumentException(key + " is not a " + kind.name().toLowerCase(java.util.Locale.ROOT)
                    + " setting (client " + name + ")");
        }
    }
}
