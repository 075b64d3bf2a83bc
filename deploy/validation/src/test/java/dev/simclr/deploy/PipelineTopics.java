package dev.simclr.deploy;

import dev.simclr.contracts.Topics;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The topics the services use (libs/contracts) and the KafkaTopics that declare them. */
final class PipelineTopics {

  /**
   * Topics the deployment declares ahead of libs/contracts: simclr.progress (the trainer's progress
   * events for the dashboard) is being added to Topics on another branch.
   */
  static final Set<String> DECLARED_AHEAD = Set.of("simclr.progress");

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
