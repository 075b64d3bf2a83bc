package dev.simclr.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The secured Kafka of the manifests: the Strimzi Kafka's TLS + SCRAM listener and its KafkaUsers' ACLs, evaluated the
 * way Kafka's StandardAuthorizer does for allow rules: a literal resource matches its name (or "*"), a prefixed one
 * every name starting with it; All allows every operation, and Read, Write, Delete and Alter imply Describe
 * (AlterConfigs implies DescribeConfigs); a matching deny rule wins over any allow.
 */
final class KafkaSecurity {

    /** A Kafka resource: type topic, group, transactionalId or cluster. */
    record Resource(String type, String name) {
        static Resource topic(String name) {
            return new Resource("topic", name);
        }

        static Resource group(String name) {
            return new Resource("group", name);
        }

        static Resource transactionalId(String name) {
            return new Resource("transactionalId", name);
        }

        static Resource cluster() {
            return new Resource("cluster", "kafka-cluster");
        }

        @Override
        public String toString() {
            return type + " " + name;
        }
    }

    /** One ACL rule of a KafkaUser. */
    record Acl(
            String type,
            String resourceType,
            String name,
            String patternType,
            List<String> operations,
            boolean allow) {}

    private static final Map<String, Set<String>> IMPLIED_BY = Map.of(
            "Describe", Set.of("Read", "Write", "Delete", "Alter"),
            "DescribeConfigs", Set.of("AlterConfigs"));

    private KafkaSecurity() {}

    /** The Strimzi Kafka of {@code m} (exactly one). */
    static GenericKubernetesResource kafka(Manifests m) {
        List<GenericKubernetesResource> kafkas = m.custom("Kafka");
        if (kafkas.size() != 1) {
            throw new AssertionError("expected one Kafka resource, found " + kafkas.size());
        }
        return kafkas.get(0);
    }

    /** The client listeners of the Kafka. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> listeners(Manifests m) {
        Map<String, Object> kafka =
                (Map<String, Object>) PipelineTopics.spec(kafka(m)).get("kafka");
        return (List<Map<String, Object>>) kafka.get("listeners");
    }

    /** The port of the one internal TLS listener with SCRAM-SHA-512. */
    @SuppressWarnings("unchecked")
    static int tlsListenerPort(Manifests m) {
        List<Map<String, Object>> scram = listeners(m).stream()
                .filter(l -> Boolean.TRUE.equals(l.get("tls"))
                        && "internal".equals(l.get("type"))
                        && l.get("authentication") instanceof Map<?, ?> a
                        && "scram-sha-512".equals(((Map<String, Object>) a).get("type")))
                .toList();
        if (scram.size() != 1) {
            throw new AssertionError("expected one internal TLS listener with SCRAM-SHA-512, found " + scram.size());
        }
        return ((Number) scram.get(0).get("port")).intValue();
    }

    /** The KafkaUsers of {@code m} by name. */
    static Map<String, GenericKubernetesResource> users(Manifests m) {
        Map<String, GenericKubernetesResource> out = new LinkedHashMap<>();
        m.custom("KafkaUser").forEach(u -> out.put(u.getMetadata().getName(), u));
        return out;
    }

    /** The ACL rules of a KafkaUser. */
    @SuppressWarnings("unchecked")
    static List<Acl> acls(GenericKubernetesResource user) {
        Map<String, Object> authorization =
                (Map<String, Object>) PipelineTopics.spec(user).get("authorization");
        List<Acl> out = new ArrayList<>();
        if (authorization == null) {
            return out;
        }
        for (Map<String, Object> rule : (List<Map<String, Object>>) authorization.getOrDefault("acls", List.of())) {
            Map<String, Object> r = (Map<String, Object>) rule.get("resource");
            out.add(new Acl(
                    (String) rule.getOrDefault("type", "allow"),
                    (String) r.get("type"),
                    (String) r.get("name"),
                    (String) r.getOrDefault("patternType", "literal"),
                    (List<String>) rule.get("operations"),
                    !"deny".equals(rule.getOrDefault("type", "allow"))));
        }
        return out;
    }

    /** Whether {@code acls} allow {@code operation} on {@code resource}. */
    static boolean allows(List<Acl> acls, Resource resource, String operation) {
        boolean allowed = false;
        for (Acl a : acls) {
            if (!a.resourceType().equals(resource.type()) || !matches(a, resource.name())) {
                continue;
            }
            boolean covers = a.operations().contains("All")
                    || a.operations().contains(operation)
                    || a.operations().stream()
                            .anyMatch(o ->
                                    IMPLIED_BY.getOrDefault(operation, Set.of()).contains(o));
            if (covers && !a.allow()) {
                return false;
            }
            allowed |= covers;
        }
        return allowed;
    }

    private static boolean matches(Acl a, String name) {
        if (a.resourceType().equals("cluster")) {
            return true;
        }
        if (a.patternType().equals("prefix")) {
            return name.startsWith(a.name());
        }
        return a.name().equals("*") || a.name().equals(name);
    }
}
