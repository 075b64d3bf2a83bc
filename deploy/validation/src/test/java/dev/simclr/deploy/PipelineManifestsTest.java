package dev.simclr.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.contracts.TopicSpec;
import dev.simclr.contracts.TopicTable;
import dev.simclr.contracts.Topics;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the pipeline needs from every overlay: real config keys only, the KafkaTopics of the topic table, a
 * single-writer trainer, GPUs only where asked for, autoscaling bounded by the partitions, and one namespace under Pod
 * Security "restricted".
 */
class PipelineManifestsTest {

    static Stream<String> overlays() {
        return Rendered.OVERLAYS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void serviceEnvironmentIsRealConfig(String overlay) {
        Manifests m = Rendered.overlay(overlay);
        for (Repo.Service s : Repo.Service.values()) {
            ConfigKeys keys = ConfigKeys.of(s);
            Map<String, String> env = Rendered.environment(m, Rendered.container(m, s));
            assertThat(env)
                    .as("%s environment", s.module)
                    .containsKeys("KAFKA_BOOTSTRAP_SERVERS", "SIMCLR_S3_ENDPOINT");
            for (String variable : env.keySet()) {
                assertThat(keys.explain(variable))
                        .as("%s: %s is not a config key of the service (%s)", s.module, variable, keys)
                        .isNotNull();
            }
            assertThat(env.get("SIMCLR_S3_SECRET_KEY"))
                    .as("%s: S3 secret from a Secret", s.module)
                    .startsWith("secret:");
            assertThat(env.get("SIMCLR_S3_ACCESS_KEY"))
                    .as("%s: S3 access key from a Secret", s.module)
                    .startsWith("secret:");
        }
        Map<String, String> augmenter = Rendered.environment(m, Rendered.container(m, Repo.Service.AUGMENTER));
        Map<String, String> trainer = Rendered.environment(m, Rendered.container(m, Repo.Service.TRAINER));
        assertThat(augmenter.get("SIMCLR_RUN_ID"))
                .as("augmenter and trainer train the same run")
                .isNotBlank()
                .isEqualTo(trainer.get("SIMCLR_RUN_ID"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void servicesConnectToTheDeclaredKafkaAndS3(String overlay) {
        Manifests m = Rendered.overlay(overlay);
        List<GenericKubernetesResource> kafkas = m.custom("Kafka");
        assertThat(kafkas).hasSize(1);
        String cluster = kafkas.get(0).getMetadata().getName();
        int port = KafkaSecurity.tlsListenerPort(m);
        boolean seaweedfs = m.named(io.fabric8.kubernetes.api.model.Service.class, "simclr-seaweedfs")
                .isPresent();
        for (Repo.Service s : Repo.Service.values()) {
            Map<String, String> env = Rendered.environment(m, Rendered.container(m, s));
            assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS")).isEqualTo(cluster + "-kafka-bootstrap:" + port);
            if (seaweedfs) {
                assertThat(env.get("SIMCLR_S3_ENDPOINT")).isEqualTo("http://simclr-seaweedfs:8333");
            } else {
                assertThat(env.get("SIMCLR_S3_ENDPOINT"))
                        .as("external S3 over TLS")
                        .startsWith("https://");
            }
        }
        assertThat(seaweedfs)
                .as("only external-s3 leaves the in-cluster S3 server out")
                .isEqualTo(!overlay.equals("external-s3"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    @SuppressWarnings("unchecked")
    void theKafkaTopicsAreTheTopicTable(String overlay) {
        Manifests m = Rendered.overlay(overlay);
        Map<String, GenericKubernetesResource> topics = PipelineTopics.kafkaTopics(m);
        assertThat(topics.keySet())
                .as("KafkaTopics in %s for every topic of libs/contracts Topics", overlay)
                .containsAll(PipelineTopics.fromContracts());
        PipelineTopics.assertIsTheTopicTable(
                "KafkaTopics of overlay " + overlay, PipelineTopics.declared(m), TopicSpec.Scale.CLUSTER);
        String cluster = m.custom("Kafka").get(0).getMetadata().getName();
        GenericKubernetesResource pool = m.custom("KafkaNodePool").get(0);
        int nodes = ((Number) PipelineTopics.spec(pool).get("replicas")).intValue();
        assertThat((List<Object>) PipelineTopics.spec(pool).get("roles"))
                .as("KRaft: the pool runs the controllers")
                .contains("controller", "broker");
        for (Map.Entry<String, GenericKubernetesResource> t : topics.entrySet()) {
            Map<String, Object> spec = PipelineTopics.spec(t.getValue());
            assertThat(t.getValue().getMetadata().getLabels()).containsEntry("strimzi.io/cluster", cluster);
            assertThat(((Number) spec.get("replicas")).intValue())
                    .as("%s replicas", t.getKey())
                    .isBetween(1, nodes);
        }
        Map<String, Object> brokerConfig = (Map<String, Object>) ((Map<String, Object>)
                        PipelineTopics.spec(m.custom("Kafka").get(0)).get("kafka"))
                .get("config");
        int largest = TopicTable.all().stream()
                .mapToInt(TopicSpec::maxMessageBytes)
                .max()
                .orElseThrow();
        assertThat(((Number) brokerConfig.get("replica.fetch.max.bytes")).intValue())
                .as("followers fetch the largest record of any topic")
                .isGreaterThanOrEqualTo(largest);
    }

    @Test
    void aKafkaTopicThatDiffersFromTheTableFails() {
        Map<String, PipelineTopics.Declared> declared = PipelineTopics.declared(Rendered.overlay("cpu"));
        PipelineTopics.Declared views = declared.get(Topics.VIEWS);
        Map<String, String> noSegment = new LinkedHashMap<>(views.config());
        noSegment.remove("segment.bytes");
        Map<String, String> shorter = new LinkedHashMap<>(views.config());
        shorter.put("retention.ms", "21600000");
        for (PipelineTopics.Declared changed : List.of(
                new PipelineTopics.Declared(4, views.config()),
                new PipelineTopics.Declared(views.partitions(), noSegment),
                new PipelineTopics.Declared(views.partitions(), shorter))) {
            Map<String, PipelineTopics.Declared> d = new LinkedHashMap<>(declared);
            d.put(Topics.VIEWS, changed);
            assertThatThrownBy(() -> PipelineTopics.assertIsTheTopicTable("changed", d, TopicSpec.Scale.CLUSTER))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining(Topics.VIEWS);
        }
        Map<String, PipelineTopics.Declared> extra = new LinkedHashMap<>(declared);
        extra.put("simclr.unused", views);
        assertThatThrownBy(() -> PipelineTopics.assertIsTheTopicTable("extra", extra, TopicSpec.Scale.CLUSTER))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("simclr.unused");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void trainerIsASingleWriterAndTheAugmenterScalesToThePartitions(String overlay) {
        Manifests m = Rendered.overlay(overlay);
        Deployment trainer =
                (Deployment) Rendered.service(m, Repo.Service.TRAINER).owner();
        assertThat(trainer.getSpec().getReplicas()).isEqualTo(1);
        assertThat(trainer.getSpec().getStrategy().getType()).isEqualTo("Recreate");
        assertThat(trainer.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
                .isGreaterThanOrEqualTo(120L);
        GenericKubernetesResource scaled = m.custom("ScaledObject").get(0);
        Map<String, Object> spec = PipelineTopics.spec(scaled);
        @SuppressWarnings("unchecked")
        Object target = ((Map<String, Object>) spec.get("scaleTargetRef")).get("name");
        assertThat(target)
                .isEqualTo(Rendered.service(m, Repo.Service.AUGMENTER)
                        .owner()
                        .getMetadata()
                        .getName());
        Object partitions = PipelineTopics.spec(PipelineTopics.kafkaTopics(m).get("simclr.images"))
                .get("partitions");
        assertThat(spec.get("maxReplicaCount"))
                .as("replicas beyond the partitions of simclr.images sit idle")
                .isEqualTo(partitions);
        assertThat(((Number) spec.get("minReplicaCount")).intValue())
                .as("one replica always consumes")
                .isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void gpusOnlyInTheGpuOverlay(String overlay) {
        Manifests m = Rendered.overlay(overlay);
        boolean gpu = overlay.equals("gpu");
        for (Rendered.Workload w : Rendered.workloads(m)) {
            for (Container c : Rendered.containers(w.pod())) {
                Map<String, Quantity> limits = c.getResources().getLimits();
                boolean wantsGpu = gpu
                        && (c.getName().equals(Repo.Service.TRAINER.module)
                                || c.getName().equals(Repo.Service.EVALUATOR.module));
                if (wantsGpu) {
                    assertThat(limits)
                            .as("%s: GPU limit", c.getName())
                            .containsEntry("nvidia.com/gpu", new Quantity("1"));
                    assertThat(c.getImage()).as("%s: GPU image", c.getName()).endsWith("-gpu");
                    assertThat(w.pod().getNodeSelector()).containsEntry("nvidia.com/gpu.present", "true");
                    assertThat(w.pod().getTolerations())
                            .anySatisfy(t -> assertThat(t.getKey()).isEqualTo("nvidia.com/gpu"));
                } else {
                    assertThat(limits.keySet())
                            .as("%s in %s: no GPU", c.getName(), overlay)
                            .noneMatch(k -> k.startsWith("nvidia.com/"));
                    assertThat(c.getImage())
                            .as("%s in %s: no GPU image", c.getName(), overlay)
                            .doesNotEndWith("-gpu");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void oneNamespaceUnderRestrictedPodSecurity(String overlay) {
        Manifests m = Rendered.overlay(overlay);
        List<Namespace> namespaces = m.of(Namespace.class);
        assertThat(namespaces).hasSize(1);
        String ns = namespaces.get(0).getMetadata().getName();
        assertThat(namespaces.get(0).getMetadata().getLabels())
                .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
        for (HasMetadata r : m.all()) {
            if (!(r instanceof Namespace)) {
                assertThat(r.getMetadata().getNamespace())
                        .as("%s/%s namespace", r.getKind(), r.getMetadata().getName())
                        .isEqualTo(ns);
            }
        }
    }

    @Test
    void overlaysDifferOnlyWhereIntended() {
        assertThat(Rendered.overlay("cpu").all())
                .hasSameSizeAs(Rendered.overlay("gpu").all());
        assertThat(Rendered.overlay("external-s3").all().stream()
                        .map(r -> r.getKind() + "/" + r.getMetadata().getName()))
                .doesNotContain("StatefulSet/simclr-seaweedfs", "Service/simclr-seaweedfs");
    }
}
