package dev.simclr.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every Strimzi resource is kafka.strimzi.io/v1 and uses only fields of Strimzi 1.0's schemas. */
class StrimziSchemasTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> overlays() {
        return Rendered.OVERLAYS.stream();
    }

    private static List<String> problems(String yaml) {
        try {
            return StrimziSchemas.get().problems(YAML.readTree(yaml));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void strimzi1ServesOnlyV1() {
        StrimziSchemas s = StrimziSchemas.get();
        assertThat(s.kinds()).containsExactlyInAnyOrder("Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser");
        for (String kind : s.kinds()) {
            assertThat(s.servedVersions(kind)).as(kind).containsExactly("v1");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyStrimziResourceIsV1AndValid(String overlay) {
        Manifests m = Rendered.overlay(overlay);
        List<GenericKubernetesResource> strimzi = m.of(GenericKubernetesResource.class).stream()
                .filter(r -> r.getApiVersion().startsWith(StrimziSchemas.GROUP + "/"))
                .toList();
        assertThat(strimzi)
                .extracting(GenericKubernetesResource::getKind)
                .contains("Kafka", "KafkaNodePool", "KafkaTopic");
        for (GenericKubernetesResource r : strimzi) {
            assertThat(r.getApiVersion())
                    .as("%s/%s", r.getKind(), r.getMetadata().getName())
                    .isEqualTo("kafka.strimzi.io/v1");
            JsonNode doc = JSON.valueToTree(r);
            assertThat(StrimziSchemas.get().problems(doc))
                    .as("%s/%s", r.getKind(), r.getMetadata().getName())
                    .isEmpty();
        }
    }

    @Test
    void noDeploymentFileNamesV1beta2() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Repo.root().resolve("deploy"))) {
            files = walk.filter(p -> p.toString().endsWith(".yaml")
                            && !p.startsWith(Repo.root().resolve("deploy/validation")))
                    .toList();
        }
        assertThat(files).isNotEmpty();
        for (Path f : files) {
            assertThat(Repo.read(f)).as("%s", Repo.root().relativize(f)).doesNotContain("kafka.strimzi.io/v1beta2");
        }
    }

    @Test
    void aValidResourceHasNoProblems() {
        assertThat(problems("""
        apiVersion: kafka.strimzi.io/v1
        kind: KafkaTopic
        metadata: {name: t, labels: {strimzi.io/cluster: c}}
        spec:
          topicName: simclr.views
          partitions: 8
          replicas: 1
          config: {retention.ms: "86400000", max.message.bytes: 8388608}
        """)).isEmpty();
    }

    @Test
    void v1beta2IsRejected() {
        assertThat(problems("""
        apiVersion: kafka.strimzi.io/v1beta2
        kind: KafkaTopic
        metadata: {name: t}
        spec: {partitions: 1}
        """))
                .singleElement()
                .asString()
                .isEqualTo(
                        "KafkaTopic/t: kafka.strimzi.io/v1beta2 is not served by Strimzi 1.0.0 (it serves kafka.strimzi.io/v1;"
                                + " Strimzi 1.0 removed v1beta2)");
        assertThatThrownBy(() -> Manifests.parse("""
        apiVersion: kafka.strimzi.io/v1beta2
        kind: Kafka
        metadata: {name: k}
        spec:
          kafka:
            listeners: [{name: tls, port: 9093, type: internal, tls: true}]
        """))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("kafka.strimzi.io/v1beta2 is not served");
    }

    @Test
    void fieldsV1RemovedOrNeverHadAreUnknown() {
        // spec.kafka.replicas/storage moved to KafkaNodePool; acls[].operation became operations.
        assertThat(problems("""
        apiVersion: kafka.strimzi.io/v1
        kind: Kafka
        metadata: {name: k}
        spec:
          kafka:
            replicas: 3
            listeners: [{name: tls, port: 9093, type: internal, tls: true, authentcation: {type: scram-sha-512}}]
        """))
                .containsExactlyInAnyOrder(
                        "Kafka/k: unknown field spec.kafka.replicas",
                        "Kafka/k: unknown field spec.kafka.listeners[0].authentcation");
        assertThat(problems("""
        apiVersion: kafka.strimzi.io/v1
        kind: KafkaUser
        metadata: {name: u}
        spec:
          authentication: {type: scram-sha-512}
          authorization:
            type: simple
            acls:
              - resource: {type: topic, name: simclr.images}
                operation: Read
        """))
                .containsExactlyInAnyOrder(
                        "KafkaUser/u: unknown field spec.authorization.acls[0].operation",
                        "KafkaUser/u: spec.authorization.acls[0] misses required field operations");
    }

    @Test
    void typesEnumsAndRangesAreChecked() {
        assertThat(problems("""
        apiVersion: kafka.strimzi.io/v1
        kind: KafkaUser
        metadata: {name: u}
        spec:
          authentication: {type: scram-sha-256}
          authorization:
            type: simple
            acls:
              - resource: {type: topic, name: simclr.images, patternType: glob}
                operations: [Read, Produce]
        """))
                .containsExactlyInAnyOrder(
                        "KafkaUser/u: spec.authentication.type is \"scram-sha-256\", not one of [\"tls\",\"tls-external\",\"scram-sha-512\"]",
                        "KafkaUser/u: spec.authorization.acls[0].resource.patternType is \"glob\", not one of [\"literal\",\"prefix\"]",
                        "KafkaUser/u: spec.authorization.acls[0].operations[1] is \"Produce\", not one of "
                                + "[\"Read\",\"Write\",\"Create\",\"Delete\",\"Alter\",\"Describe\",\"ClusterAction\",\"AlterConfigs\","
                                + "\"DescribeConfigs\",\"IdempotentWrite\",\"All\"]");
        assertThat(problems("""
        apiVersion: kafka.strimzi.io/v1
        kind: KafkaTopic
        metadata: {name: t}
        spec: {partitions: "8", replicas: 0}
        """))
                .containsExactlyInAnyOrder(
                        "KafkaTopic/t: spec.partitions must be an integer, not STRING (\"8\")",
                        "KafkaTopic/t: spec.replicas is 0, below the minimum 1");
        assertThat(problems("""
        apiVersion: kafka.strimzi.io/v1
        kind: KafkaNodePool
        metadata: {name: p}
        spec:
          replicas: 1
          roles: [broker]
        """)).containsExactly("KafkaNodePool/p: spec misses required field storage");
    }
}
