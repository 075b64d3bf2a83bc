package dev.simclr.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The Kafka client settings a deployment gives a service or CLI: every Kafka client property {@code <p>} as config key
 * {@code kafka.<p>}, i.e. environment variable {@code KAFKA_<P>} (dots become underscores, upper case):
 * {@code KAFKA_BOOTSTRAP_SERVERS}, {@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_MECHANISM},
 * {@code KAFKA_SASL_JAAS_CONFIG}, {@code KAFKA_SSL_TRUSTSTORE_*}, {@code KAFKA_SSL_KEYSTORE_*}, ... They apply to every
 * Kafka client of the owner (each client gets the keys its kind accepts), over the code's tuning defaults and under the
 * values the code fixes ({@link #PROTECTED}): {@link #check} refuses a conflicting setting at start-up, naming the key.
 * Variables named {@code KAFKA_*} that are not Kafka client properties (e.g. {@code KAFKA_HEAP_OPTS}, Kubernetes
 * service links) are ignored and listed by {@link #ignored()}; empty values count as unset. Secrets are never shown:
 * {@link #describe()} and {@link #toString()} mask them ({@link KafkaSecrets}).
 */
public final class KafkaSettings {

    /** Config key prefix. */
    public static final String PREFIX = "kafka.";
    /** The one required setting. */
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";

    /**
     * Keys only the code sets: exactly-once reading and writing (idempotence, transactions, isolation, commits, acks),
     * the (de)serialisers of the record formats, the group ids and offsets the code computes, topic auto-creation. A
     * {@code kafka.*} value for one of them is accepted only when every client of the owner that uses the key fixes the
     * same value.
     */
    public static final Set<String> PROTECTED = Set.of(
            "group.id",
            "transactional.id",
            "transaction.timeout.ms",
            "enable.idempotence",
            "acks",
            "isolation.level",
            "enable.auto.commit",
            "auto.offset.reset",
            "allow.auto.create.topics",
            "key.serializer",
            "value.serializer",
            "key.deserializer",
            "value.deserializer");

    private static final Pattern ENV_NAME = Pattern.compile("KAFKA_[A-Z0-9_]+");
    private static final Set<String> KNOWN = known();

    private final Map<String, String> properties;
    private final List<String> ignored;

    private KafkaSettings(Map<String, String> properties, List<String> ignored) {
        this.properties = Collections.unmodifiableMap(new TreeMap<>(properties));
        this.ignored = List.copyOf(ignored);
    }

    /**
     * Collects the settings from a configuration: names {@code kafka.<p>} (properties files, system properties) and
     * {@code KAFKA_<P>} (environment).
     *
     * @param names every property name the configuration knows
     * @param lookup the value of a name (a MicroProfile Config maps {@code kafka.a.b} to {@code KAFKA_A_B})
     */
    public static KafkaSettings fromConfig(Iterable<String> names, Function<String, Optional<String>> lookup) {
        Map<String, String> props = new TreeMap<>();
        Set<String> ignored = new TreeSet<>();
        for (String name : names) {
            String key = keyOf(name);
            if (key == null) {
                continue;
            }
            Optional<String> value = lookup.apply(PREFIX + key)
                    .or(() -> lookup.apply(name))
                    .map(String::trim)
                    .filter(v -> !v.isEmpty());
            if (value.isEmpty()) {
                continue;
            }
            if (KNOWN.contains(key)) {
                props.put(key, value.get());
            } else {
                ignored.add(name);
            }
        }
        return new KafkaSettings(props, new ArrayList<>(ignored));
    }

    /** Collects the settings from environment variables {@code KAFKA_<P>} (e.g. {@code System.getenv()}). */
    public static KafkaSettings fromEnv(Map<String, String> env) {
        return fromConfig(
                env.keySet(),
                name -> Optional.ofNullable(
                        env.get(name.startsWith(PREFIX) ? envName(name.substring(PREFIX.length())) : name)));
    }

    /**
     * Settings given in code (tests, tools): client property name to value.
     *
     * @throws KafkaSettingsException for a key that is not a Kafka client property
     */
    public static KafkaSettings of(Map<String, ?> properties) {
        Map<String, String> props = new TreeMap<>();
        properties.forEach((k, v) -> {
            if (!KNOWN.contains(k)) {
                throw new KafkaSettingsException(PREFIX + k + " is not a Kafka client property");
            }
            if (v != null && !String.valueOf(v).isBlank()) {
                props.put(k, String.valueOf(v).trim());
            }
        });
        return new KafkaSettings(props, List.of());
    }

    /** Only {@code bootstrap.servers} (a plain-text cluster without authentication). */
    public static KafkaSettings bootstrap(String servers) {
        return of(Map.of(BOOTSTRAP_SERVERS, servers));
    }

    /** These settings plus (or with another value for) {@code key}. */
    public KafkaSettings with(String key, Object value) {
        Map<String, Object> p = new LinkedHashMap<>(properties);
        p.put(key, value);
        return of(p);
    }

    /** The environment variable of client property {@code key}: {@code KAFKA_} + upper case, dots as underscores. */
    public static String envName(String key) {
        return "KAFKA_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The value of {@code key}, if set. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(properties.get(key));
    }

    /**
     * The bootstrap servers.
     *
     * @throws KafkaSettingsException when not set
     */
    public String bootstrapServers() {
        String b = properties.get(BOOTSTRAP_SERVERS);
        if (b == null) {
            throw new KafkaSettingsException(
                    PREFIX + BOOTSTRAP_SERVERS + " (env " + envName(BOOTSTRAP_SERVERS) + ") is not set");
        }
        return b;
    }

    /** Every setting (values unmasked: for client configurations only, never for logs). */
    public Map<String, String> properties() {
        return properties;
    }

    /** Names of {@code kafka.*}/{@code KAFKA_*} entries that are not Kafka client properties (left out). */
    public List<String> ignored() {
        return ignored;
    }

    /** The SASL user name of {@code sasl.jaas.config}, if any (not a secret: shown in messages). */
    public Optional<String> user() {
        return get("sasl.jaas.config").flatMap(KafkaSecrets::jaasUser);
    }

    /**
     * Refuses settings that conflict with what the owner's clients fix: a key set to another value than a client that
     * uses it fixes, and a {@link #PROTECTED} key set at all when such a client leaves it unset. Nothing is overridden
     * silently. Call at start-up with every client of the owner.
     *
     * @param owner the service or tool, e.g. {@code "trainer"} (named in the message)
     * @throws KafkaSettingsException naming each conflicting key, its environment variable and the client
     */
    public void check(String owner, Collection<KafkaClientSpec> clients) {
        bootstrapServers();
        List<String> conflicts = new ArrayList<>();
        for (Map.Entry<String, String> e : properties.entrySet()) {
            String key = e.getKey();
            for (KafkaClientSpec c : clients) {
                if (!c.kind().accepts(key)) {
                    continue;
                }
                Object fixed = c.fixed().get(key);
                if (fixed == null && PROTECTED.contains(key)) {
                    conflicts.add(PREFIX + key + "=" + e.getValue() + " (env " + envName(key) + "): the " + owner
                            + "'s " + c.name() + " must leave " + key + " unset");
                    break;
                }
                if (fixed != null && !same(fixed, e.getValue())) {
                    conflicts.add(PREFIX + key + "=" + e.getValue() + " (env " + envName(key) + "): the " + owner
                            + "'s " + c.name() + " fixes " + key + "=" + text(fixed));
                    break;
                }
            }
        }
        if (!conflicts.isEmpty()) {
            throw new KafkaSettingsException("Kafka settings refused: " + String.join("; ", conflicts)
                    + ". The " + owner + " fixes these keys (exactly-once processing, the record formats and its own"
                    + " simclr.* settings depend on them); remove the setting.");
        }
    }

    /**
     * The configuration of one client: its tuning defaults, then every setting its kind accepts, then its fixed values.
     * Call {@link #check} first (this method does not refuse conflicts).
     */
    public Map<String, Object> forClient(KafkaClientSpec spec) {
        Map<String, Object> out = new LinkedHashMap<>(spec.defaults());
        properties.forEach((k, v) -> {
            if (spec.kind().accepts(k)) {
                out.put(k, v);
            }
        });
        out.putAll(spec.fixed());
        out.put(BOOTSTRAP_SERVERS, bootstrapServers());
        return out;
    }

    /**
     * One line for logs: every setting, secrets masked, e.g. {@code security.protocol=SASL_SSL,
     * sasl.jaas.config=[hidden]}.
     */
    public String describe() {
        return properties.entrySet().stream()
                .map(e -> e.getKey() + "=" + KafkaSecrets.shown(e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return "KafkaSettings[" + describe() + "]";
    }

    /** The client property of a config name, or null when the name is not a Kafka setting. */
    static String keyOf(String name) {
        if (name.startsWith(PREFIX) && name.length() > PREFIX.length()) {
            return name.substring(PREFIX.length());
        }
        if (ENV_NAME.matcher(name).matches()) {
            return name.substring("KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
        }
        return null;
    }

    private static boolean same(Object fixed, String value) {
        return text(fixed).trim().equalsIgnoreCase(value.trim());
    }

    private static String text(Object v) {
        return v instanceof Class<?> c ? c.getName() : String.valueOf(v);
    }

    private static Set<String> known() {
        Set<String> all = new TreeSet<>(ProducerConfig.configNames());
        all.addAll(ConsumerConfig.configNames());
        all.addAll(AdminClientConfig.configNames());
        return Set.copyOf(all);
    }
}
