package dev.simclr.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Default deny, then exactly the pipeline's paths: services to Kafka and S3, DNS, scrapes, dashboard. */
class NetworkPoliciesTest {

    static Stream<String> overlays() {
        return Rendered.OVERLAYS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everythingIsDeniedByDefault(String overlay) {
        assertThat(Rendered.overlay(overlay).of(NetworkPolicy.class)).anySatisfy(np -> {
            assertThat(selects(np.getSpec().getPodSelector(), Map.of()))
                    .as("selects every pod")
                    .isTrue();
            assertThat(np.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
            assertThat(np.getSpec().getIngress()).isEmpty();
            assertThat(np.getSpec().getEgress()).isEmpty();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void servicesReachKafkaS3AndDns(String overlay) {
        Manifests m = Rendered.overlay(overlay);
        List<NetworkPolicy> policies = m.of(NetworkPolicy.class);
        boolean seaweedfs = !overlay.equals("external-s3");
        String cluster = m.custom("Kafka").get(0).getMetadata().getName();
        Map<String, String> kafkaPod = Map.of(
                "strimzi.io/cluster", cluster, "strimzi.io/kind", "Kafka", "strimzi.io/name", cluster + "-kafka");
        for (Repo.Service s : Repo.Service.values()) {
            Map<String, String> labels = Rendered.service(m, s).podLabels();
            assertThat(egress(
                            policies,
                            labels,
                            p -> p.getPodSelector() != null
                                    && p.getNamespaceSelector() == null
                                    && selects(p.getPodSelector(), kafkaPod),
                            KafkaSecurity.tlsListenerPort(m)))
                    .as("%s -> Kafka's TLS listener", s.module)
                    .isTrue();
            if (seaweedfs) {
                assertThat(egress(
                                policies,
                                labels,
                                p -> p.getPodSelector() != null
                                        && selects(p.getPodSelector(), Map.of("app.kubernetes.io/name", "seaweedfs")),
                                8333))
                        .as("%s -> SeaweedFS :8333", s.module)
                        .isTrue();
                assertThat(ingress(
                                policies,
                                Map.of("app.kubernetes.io/name", "seaweedfs"),
                                p -> p.getPodSelector() != null && selects(p.getPodSelector(), labels),
                                8333))
                        .as("SeaweedFS accepts %s", s.module)
                        .isTrue();
            } else {
                assertThat(egress(policies, labels, p -> p.getIpBlock() != null, 443))
                        .as("%s -> external S3 :443", s.module)
                        .isTrue();
            }
            assertThat(egress(
                            policies,
                            labels,
                            p -> p.getNamespaceSelector() != null
                                    && selects(
                                            p.getNamespaceSelector(),
                                            Map.of("kubernetes.io/metadata.name", "kube-system")),
                            53))
                    .as("%s -> DNS", s.module)
                    .isTrue();
            assertThat(ingress(
                            policies,
                            labels,
                            p -> p.getNamespaceSelector() != null
                                    && selects(
                                            p.getNamespaceSelector(),
                                            Map.of("kubernetes.io/metadata.name", "monitoring")),
                            "http"))
                    .as("Prometheus scrapes %s", s.module)
                    .isTrue();
        }
        Map<String, String> evaluator =
                Rendered.service(m, Repo.Service.EVALUATOR).podLabels();
        assertThat(ingress(
                        policies, evaluator, p -> p.getNamespaceSelector() != null || p.getPodSelector() != null, 8083))
                .as("dashboard clients reach the evaluator")
                .isTrue();
        Map<String, String> trainer = Rendered.service(m, Repo.Service.TRAINER).podLabels();
        assertThat(ingress(policies, trainer, p -> true, 8082))
                .as("nothing but scrapes reaches the trainer on 8082 by number")
                .isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void kafkaListenerAdmitsThePipeline(String overlay) {
        Manifests m = Rendered.overlay(overlay);
        @SuppressWarnings("unchecked")
        var kafka = (Map<String, Object>)
                PipelineTopics.spec(m.custom("Kafka").get(0)).get("kafka");
        @SuppressWarnings("unchecked")
        var listeners = (List<Map<String, Object>>) kafka.get("listeners");
        assertThat(listeners)
                .allSatisfy(l -> assertThat(l.get("networkPolicyPeers"))
                        .as("listener %s peers", l.get("name"))
                        .isNotNull());
        @SuppressWarnings("unchecked")
        var peers = (List<Map<String, Map<String, Map<String, String>>>>)
                listeners.get(0).get("networkPolicyPeers");
        Map<String, String> peerLabels = peers.get(0).get("podSelector").get("matchLabels");
        for (Repo.Service s : Repo.Service.values()) {
            assertThat(Rendered.service(m, s).podLabels())
                    .as("%s is a Kafka peer", s.module)
                    .containsAllEntriesOf(peerLabels);
        }
    }

    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector.getMatchExpressions() != null
                && !selector.getMatchExpressions().isEmpty()) {
            throw new AssertionError("this check understands matchLabels only: " + selector);
        }
        return selector.getMatchLabels() == null
                || labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
    }

    private static boolean egress(
            List<NetworkPolicy> policies, Map<String, String> pod, Predicate<NetworkPolicyPeer> to, Object port) {
        return policies.stream()
                .filter(np -> np.getSpec().getPolicyTypes().contains("Egress")
                        && selects(np.getSpec().getPodSelector(), pod))
                .flatMap(np -> np.getSpec().getEgress().stream())
                .anyMatch(r -> r.getTo().stream().anyMatch(to) && allows(r.getPorts(), port));
    }

    private static boolean ingress(
            List<NetworkPolicy> policies, Map<String, String> pod, Predicate<NetworkPolicyPeer> from, Object port) {
        return policies.stream()
                .filter(np -> np.getSpec().getPolicyTypes().contains("Ingress")
                        && selects(np.getSpec().getPodSelector(), pod))
                .flatMap(np -> np.getSpec().getIngress().stream())
                .anyMatch(r -> r.getFrom().stream().anyMatch(from) && allows(r.getPorts(), port));
    }

    private static boolean allows(List<NetworkPolicyPort> ports, Object port) {
        return ports.stream()
                .anyMatch(p -> port instanceof Integer i
                        ? Integer.valueOf(i).equals(p.getPort().getIntVal())
                        : port.equals(p.getPort().getStrVal()));
    }
}
