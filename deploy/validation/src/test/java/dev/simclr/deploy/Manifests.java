package dev.simclr.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rendered manifests parsed strictly with the fabric8 model: every document must be a known Kubernetes kind (typed) or
 * a custom resource (generic), and a typed object must not carry a single field the model does not know (fabric8 keeps
 * unknown fields in {@code additionalProperties} instead of failing, so they are collected here and reported with their
 * path). Strimzi resources are checked against Strimzi's own CRD schemas ({@link StrimziSchemas}).
 */
final class Manifests {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    /** Built-in kinds the manifests may contain, parsed into their typed model: "apiVersion kind" -> class. */
    static final Map<String, Class<? extends HasMetadata>> TYPED = Map.of(
            "v1 Namespace", Namespace.class,
            "v1 ServiceAccount", ServiceAccount.class,
            "v1 ConfigMap", ConfigMap.class,
            "v1 Service", Service.class,
            "apps/v1 Deployment", Deployment.class,
            "apps/v1 StatefulSet", StatefulSet.class,
            "batch/v1 Job", Job.class,
            "networking.k8s.io/v1 NetworkPolicy", NetworkPolicy.class);

    /** Custom resources the manifests may contain: API group -> kinds. */
    static final Map<String, List<String>> CUSTOM_KINDS = Map.of(
            "kafka.strimzi.io", List.of("Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser"),
            "keda.sh", List.of("ScaledObject"),
            "monitoring.coreos.com", List.of("ServiceMonitor", "PodMonitor"));

    private final List<HasMetadata> resources;

    private Manifests(List<HasMetadata> resources) {
        this.resources = List.copyOf(resources);
    }

    /** Parses {@code yaml} (documents separated by ---) and checks every document as described above. */
    static Manifests parse(String yaml) {
        List<HasMetadata> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (var docs = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc == null || doc.isNull() || doc.isMissingNode()) {
                    continue;
                }
                String where = doc.path("kind").asText("?") + "/"
                        + doc.path("metadata").path("name").asText("?");
                String type =
                        doc.path("apiVersion").asText() + " " + doc.path("kind").asText();
                HasMetadata resource;
                if (TYPED.containsKey(type)) {
                    resource = JSON.treeToValue(doc, TYPED.get(type));
                    unknownFields(resource, where, problems);
                } else {
                    resource = JSON.treeToValue(doc, GenericKubernetesResource.class);
                    String api = resource.getApiVersion() == null ? "" : resource.getApiVersion();
                    String group = api.contains("/") ? api.substring(0, api.indexOf('/')) : "";
                    if (!CUSTOM_KINDS.getOrDefault(group, List.of()).contains(resource.getKind())) {
                        problems.add(where + ": unexpected kind '" + type + "' (not one this deployment uses: a typo,"
                                + " a Secret with committed values, or a new kind to add to Manifests)");
                    } else if (group.equals(StrimziSchemas.GROUP)) {
                        problems.addAll(StrimziSchemas.get().problems(doc));
                    }
                }
                out.add(resource);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "rendered manifests are not valid YAML/Kubernetes objects: " + e.getMessage(), e);
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("manifests do not parse strictly:\n  " + String.join("\n  ", problems));
        }
        return new Manifests(out);
    }

    /** Every resource, in document order. */
    List<HasMetadata> all() {
        return resources;
    }

    /** The resources of class {@code type}. */
    <T extends HasMetadata> List<T> of(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The custom resources of {@code kind}. */
    List<GenericKubernetesResource> custom(String kind) {
        return of(GenericKubernetesResource.class).stream()
                .filter(r -> r.getKind().equals(kind))
                .toList();
    }

    /** The resource of {@code type} named {@code name}. */
    <T extends HasMetadata> Optional<T> named(Class<T> type, String name) {
        return of(type).stream()
                .filter(r -> r.getMetadata().getName().equals(name))
                .findFirst();
    }

    /** Walks a fabric8 model object and records non-empty additionalProperties with their path. */
    private static void unknownFields(Object node, String path, List<String> problems) {
        if (node == null
                || node instanceof String
                || node instanceof Number
                || node instanceof Boolean
                || node instanceof Enum<?>) {
            return;
        }
        if (node instanceof Collection<?> c) {
            int i = 0;
            for (Object o : c) {
                unknownFields(o, path + "[" + i++ + "]", problems);
            }
            return;
        }
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> unknownFields(v, path + "." + k, problems));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get")
                    || getter.getName().equals("getClass")) {
                continue;
            }
            Object value = invoke(getter, node);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(path + ": unknown field(s) " + extra.keySet());
                }
            } else {
                unknownFields(value, path + "." + decapitalise(getter.getName().substring(3)), problems);
            }
        }
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + getter + ": " + e.getMessage(), e);
        }
    }

    private static String decapitalise(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
