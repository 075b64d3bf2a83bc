package dev.simclr.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simclr.contracts.TopicSpec;
import dev.simclr.contracts.TopicTable;
import dev.simclr.contracts.Topics;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The topics the services use (libs/contracts), the KafkaTopics and docker-compose lines that declare them, and the
 * check that a declaration is the topic table ({@link TopicTable}) number for number.
 */
final class PipelineTopics {

    /**
     * One topic as a deployment declares it.
     *
     * @param partitions partition count
     * @param config topic-level configs, values as written
     */
    record Declared(int partitions, Map<String, String> config) {}

    private PipelineTopics() {}

    /** Every topic constant of {@link Topics} (public static final String "simclr.*") and {@link Topics#all()}. */
    static Set<String> fromContracts() {
        Set<String> out = new TreeSet<>(Topics.all());
        for (Field f : Topics.class.getFields()) {
            int mod = f.getModifiers();
            if (Modifier.isStatic(mod) && Modifier.isFinal(mod) && f.getType() == String.class) {
                try {
                    String value = (String) f.get(null);
                    if (value.startsWith("simclr.")) {
                        out.add(value);
                    }
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot read Topics." + f.getName(), e);
                }
            }
        }
        return out;
    }

    /**
     * Asserts that {@code declared} is exactly the topic table at {@code scale}: the same topics, and for each the
     * table's partition count and exactly its configs (no config left to a broker default, none the table does not
     * have).
     */
    static void assertIsTheTopicTable(String where, Map<String, Declared> declared, TopicSpec.Scale scale) {
        assertThat(declared.keySet())
                .as("%s: the topics of the topic table", where)
                .containsExactlyInAnyOrderElementsOf(Topics.all());
        for (TopicSpec t : TopicTable.all()) {
            Declared d = declared.get(t.name());
            assertThat(d.partitions())
                    .as("%s: partitions of %s (%s)", where, t.name(), scale)
                    .isEqualTo(t.partitions(scale));
            assertThat(d.config())
                    .as("%s: configs of %s", where, t.name())
                    .containsExactlyInAnyOrderEntriesOf(t.configs());
        }
    }

    /** The KafkaTopics of the manifests as declarations. */
    static Map<String, Declared> declared(Manifests m) {
        Map<String, Declared> out = new LinkedHashMap<>();
        kafkaTopics(m)
                .forEach((name, t) ->
                        out.put(name, new Declared(((Number) spec(t).get("partitions")).intValue(), config(t))));
        return out;
    }

    /** KafkaTopics of the manifests by topic name (spec.topicName, else metadata.name). */
    static Map<String, GenericKubernetesResource> kafkaTopics(Manifests m) {
        Map<String, GenericKubernetesResource> out = new LinkedHashMap<>();
        for (GenericKubernetesResource t : m.custom("KafkaTopic")) {
            Map<String, Object> spec = spec(t);
            Object name = spec.getOrDefault("topicName", t.getMetadata().getName());
            if (out.put((String) name, t) != null) {
                throw new AssertionError("two KafkaTopics declare topic " + name);
            }
        }
        return out;
    }

    /** The {@code spec} map of a custom resource. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> spec(GenericKubernetesResource r) {
        Object spec = r.getAdditionalProperties().get("spec");
        if (!(spec instanceof Map<?, ?>)) {
            throw new AssertionError(r.getKind() + "/" + r.getMetadata().getName() + " has no spec");
        }
        return (Map<String, Object>) spec;
    }

    /** The topic-level config of a KafkaTopic, values as strings. */
    @SuppressWarnings("unchecked")
    static Map<String, String> config(GenericKubernetesResource topic) {
        Map<String, String> out = new LinkedHashMap<>();
        Object config = spec(topic).get("config");
        if (config instanceof Map<?, ?> c) {
            ((Map<String, Object>) c).forEach((k, v) -> out.put(k, String.valueOf(v)));
        }
        return out;
    }
}
