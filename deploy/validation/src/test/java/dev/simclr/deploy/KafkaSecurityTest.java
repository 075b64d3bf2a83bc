package dev.simclr.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simclr.contracts.Topics;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kafka is reached only over TLS with SCRAM-SHA-512, each service as its own KafkaUser (wired through the KAFKA_*
 * contract), and each user's ACLs allow what its service does and nothing it must not do.
 */
class KafkaSecurityTest {

    /** The KafkaUser of people and tools. */
    static final String CLIENT_USER = "simclr-client";

    static Stream<String> overlays() {
        return Rendered.OVERLAYS.stream();
    }

    /** Operations a principal needs (true) or must not have (false). */
    record Need(KafkaSecurity.Resource resource, String operation, boolean allowed, String why) {}

    private static Need allow(KafkaSecurity.Resource r, String op, String why) {
        return new Need(r, op, true, why);
    }

    private static Need deny(KafkaSecurity.Resource r, String op, String why) {
        return new Need(r, op, false, why);
    }

    private static KafkaSecurity.Resource topic(String name) {
        return KafkaSecurity.Resource.topic(name);
    }

    private static KafkaSecurity.Resource group(String name) {
        return KafkaSecurity.Resource.group(name);
    }

    private static final KafkaSecurity.Resource CLUSTER = KafkaSecurity.Resource.cluster();

    /** What each service's user needs and must not have, from the names the code uses. */
    static Map<Repo.Service, List<Need>> needs(Manifests m) {
        Map<String, String> aug = Rendered.environment(m, Rendered.container(m, Repo.Service.AUGMENTER));
        Map<String, String> tr = Rendered.environment(m, Rendered.container(m, Repo.Service.TRAINER));
        String e0 = KafkaNames.augmenterGroup(aug, 0);
        String e99 = KafkaNames.augmenterGroup(aug, 99);
        String txn = KafkaNames.augmenterTransactionalId(aug, "simclr-augmenter-7d9f8c6b5-x2x9q");
        String trainerGroup = KafkaNames.trainerGroup(tr);
        List<String> evaluatorGroups = KafkaNames.evaluatorGroups();

        List<Need> augmenter = new ArrayList<>(List.of(
                allow(topic(Topics.IMAGES), "Read", "consumes images"),
                allow(group(e0), "Read", "epoch 0's group"),
                allow(group(e99), "Read", "epoch 99's group"),
                allow(topic(Topics.VIEWS), "Write", "produces view pairs"),
                allow(topic(Topics.IMAGES_DLQ), "Write", "dead-letters images"),
                allow(KafkaSecurity.Resource.transactionalId(txn), "Write", "transactional producer"),
                allow(KafkaSecurity.Resource.transactionalId(txn), "Describe", "transactional producer"),
                allow(CLUSTER, "IdempotentWrite", "idempotent producer"),
                allow(
                        group(KafkaNames.trainerGroupSeenByAugmenter(aug)),
                        "Describe",
                        "lag gate reads the trainer's position"),
                allow(topic(Topics.VIEWS), "Describe", "lag gate reads the end offsets"),
                deny(topic(Topics.IMAGES), "Write", "users push images, not the augmenter"),
                deny(topic(Topics.VIEWS), "Read", "the trainer's input"),
                deny(topic(Topics.CHECKPOINTS), "Write", "the trainer's output"),
                deny(group(trainerGroup), "Read", "must not move the trainer's position"),
                deny(
                        KafkaSecurity.Resource.transactionalId("another-app-tx"),
                        "Write",
                        "only its own transactional ids")));
        List<Need> trainer = new ArrayList<>(List.of(
                allow(topic(Topics.VIEWS), "Read", "consumes view pairs"),
                allow(group(trainerGroup), "Read", "commits its position for monitoring"),
                allow(topic(Topics.CHECKPOINTS), "Write", "announces checkpoints"),
                allow(topic(Topics.PROGRESS), "Write", "progress for the dashboard"),
                allow(topic(Topics.VIEWS_DLQ), "Write", "dead-letters view pairs"),
                allow(CLUSTER, "IdempotentWrite", "idempotent producer"),
                deny(topic(Topics.IMAGES), "Write", "a trainer producing images is a bug (issue 11)"),
                deny(topic(Topics.IMAGES), "Read", "not its input"),
                deny(topic(Topics.VIEWS), "Write", "the augmenter's output"),
                deny(topic(Topics.EVAL), "Write", "the evaluator's output"),
                deny(group(e0), "Read", "the augmenter's groups")));
        List<Need> evaluator = new ArrayList<>(List.of(
                allow(topic(Topics.CHECKPOINTS), "Read", "consumes checkpoint events"),
                allow(topic(Topics.PROGRESS), "Read", "the dashboard's history"),
                allow(topic(Topics.VIEWS), "Read", "samples view pairs for the dashboard"),
                allow(topic(Topics.EVAL), "Write", "publishes results"),
                allow(topic(Topics.CHECKPOINTS_DLQ), "Write", "dead-letters checkpoint events"),
                allow(CLUSTER, "IdempotentWrite", "idempotent producer"),
                deny(topic(Topics.CHECKPOINTS), "Write", "the trainer's output"),
                deny(topic(Topics.VIEWS), "Write", "the augmenter's output"),
                deny(topic(Topics.IMAGES), "Read", "not its input"),
                deny(group(trainerGroup), "Read", "the trainer's group"),
                deny(group(e0), "Read", "the augmenter's groups")));
        for (String g : evaluatorGroups) {
            evaluator.add(allow(group(g), "Read", "its consumer group"));
        }
        return Map.of(
                Repo.Service.AUGMENTER, augmenter, Repo.Service.TRAINER, trainer, Repo.Service.EVALUATOR, evaluator);
    }

    /** What the client user (simclr push/watch/status, kcat, console tools) needs and must not have. */
    static List<Need> clientNeeds(Manifests m) {
        Map<String, String> aug = Rendered.environment(m, Rendered.container(m, Repo.Service.AUGMENTER));
        Map<String, String> tr = Rendered.environment(m, Rendered.container(m, Repo.Service.TRAINER));
        List<Need> out = new ArrayList<>(List.of(
                allow(topic(Topics.IMAGES), "Write", "pushes image URIs"),
                allow(CLUSTER, "IdempotentWrite", "the launcher's producer is idempotent"),
                allow(topic(Topics.EVAL), "Read", "watches results"),
                allow(topic(Topics.CHECKPOINTS), "Read", "watches checkpoints"),
                allow(topic(Topics.PROGRESS), "Read", "watches progress"),
                allow(group("simclr-client.watch"), "Read", "console consumers in its own group"),
                allow(group(KafkaNames.augmenterGroup(aug, 3)), "Describe", "simclr status: lag"),
                allow(group(KafkaNames.trainerGroup(tr)), "Describe", "simclr status: lag"),
                deny(topic(Topics.VIEWS), "Write", "only the augmenter makes view pairs"),
                deny(topic(Topics.VIEWS), "Read", "view pairs are internal traffic"),
                deny(topic(Topics.CHECKPOINTS), "Write", "only the trainer announces checkpoints"),
                deny(topic(Topics.EVAL), "Write", "only the evaluator publishes results"),
                deny(group(KafkaNames.trainerGroup(tr)), "Read", "must not move the trainer's position"),
                deny(CLUSTER, "Alter", "no administration")));
        for (String t : PipelineTopics.fromContracts()) {
            out.add(allow(topic(t), "Describe", "simclr status: size of " + t));
        }
        for (String g : KafkaNames.evaluatorGroups()) {
            out.add(allow(group(g), "Describe", "simclr status: lag"));
        }
        return out;
    }

    static List<String> violations(List<KafkaSecurity.Acl> acls, List<Need> needs, String user) {
        List<String> out = new ArrayList<>();
        for (Need n : needs) {
            if (KafkaSecurity.allows(acls, n.resource(), n.operation()) != n.allowed()) {
                out.add(user + (n.allowed() ? " needs " : " must not have ") + n.operation() + " on " + n.resource()
                        + " (" + n.why() + ")");
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void kafkaAcceptsOnlyTlsWithScramAndAuthorises(String overlay) {
        Manifests m = Rendered.overlay(overlay);
        assertThat(KafkaSecurity.listeners(m)).as("every client listener").allSatisfy(l -> {
            assertThat(l.get("tls")).as("listener %s encrypted", l.get("name")).isEqualTo(true);
            assertThat(l.get("authentication"))
                    .as("listener %s authenticates", l.get("name"))
                    .isEqualTo(Map.of("type", "scram-sha-512"));
        });
        @SuppressWarnings("unchecked")
        Map<String, Object> kafka = (Map<String, Object>)
                PipelineTopics.spec(KafkaSecurity.kafka(m)).get("kafka");
        assertThat(kafka.get("authorization")).isEqualTo(Map.of("type", "simple"));
        @SuppressWarnings("unchecked")
        Map<String, Object> entity = (Map<String, Object>)
                PipelineTopics.spec(KafkaSecurity.kafka(m)).get("entityOperator");
        assertThat(entity).as("the User Operator creates the SCRAM users").containsKey("userOperator");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyServiceConnectsAsItsOwnUserOverTls(String overlay) {
        Manifests m = Rendered.overlay(overlay);
        String cluster = KafkaSecurity.kafka(m).getMetadata().getName();
        String caSecret = cluster + "-cluster-ca-cert";
        Map<String, GenericKubernetesResource> users = KafkaSecurity.users(m);
        for (Repo.Service s : Repo.Service.values()) {
            Container c = Rendered.container(m, s);
            Map<String, String> env = Rendered.environment(m, c);
            String user = "simclr-" + s.component;
            assertThat(users).as("KafkaUser of %s", s.module).containsKey(user);
            assertThat(env)
                    .as(s.module)
                    .containsEntry(
                            "KAFKA_BOOTSTRAP_SERVERS", cluster + "-kafka-bootstrap:" + KafkaSecurity.tlsListenerPort(m))
                    .containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                    .containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
                    .containsEntry("KAFKA_SASL_JAAS_CONFIG", "secret:" + user + "/sasl.jaas.config")
                    .containsEntry("KAFKA_SSL_TRUSTSTORE_TYPE", "PKCS12")
                    .containsEntry("KAFKA_SSL_TRUSTSTORE_PASSWORD", "secret:" + caSecret + "/ca.password");
            String location = env.get("KAFKA_SSL_TRUSTSTORE_LOCATION");
            assertThat(location).as("%s truststore", s.module).isNotNull();
            Rendered.Workload w = Rendered.service(m, s);
            VolumeMount mount = c.getVolumeMounts().stream()
                    .filter(vm -> location.startsWith(vm.getMountPath() + "/"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(s.module + ": nothing is mounted at " + location));
            assertThat(mount.getReadOnly())
                    .as("%s truststore mounted read-only", s.module)
                    .isTrue();
            Volume v = w.pod().getVolumes().stream()
                    .filter(vol -> vol.getName().equals(mount.getName()))
                    .findFirst()
                    .orElseThrow();
            assertThat(v.getSecret())
                    .as("%s truststore from the cluster CA Secret", s.module)
                    .isNotNull();
            assertThat(v.getSecret().getSecretName()).isEqualTo(caSecret);
            String file = location.substring(mount.getMountPath().length() + 1);
            assertThat(v.getSecret().getItems())
                    .as("%s: %s is the CA's ca.p12", s.module, file)
                    .anySatisfy(i -> {
                        assertThat(i.getKey()).isEqualTo("ca.p12");
                        assertThat(i.getPath()).isEqualTo(file);
                    });
        }
        for (GenericKubernetesResource u : users.values()) {
            Map<String, Object> spec = PipelineTopics.spec(u);
            assertThat(spec.get("authentication"))
                    .as("KafkaUser %s", u.getMetadata().getName())
                    .isEqualTo(Map.of("type", "scram-sha-512"));
            assertThat(u.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", cluster);
        }
        assertThat(users.keySet())
                .containsExactlyInAnyOrder("simclr-augmenter", "simclr-trainer", "simclr-evaluator", CLIENT_USER);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void eachUserHasExactlyTheAclsItsServiceNeeds(String overlay) {
        Manifests m = Rendered.overlay(overlay);
        Map<String, GenericKubernetesResource> users = KafkaSecurity.users(m);
        List<String> problems = new ArrayList<>();
        needs(m).forEach((s, needs) -> problems.addAll(
                violations(KafkaSecurity.acls(users.get("simclr-" + s.component)), needs, "simclr-" + s.component)));
        problems.addAll(violations(KafkaSecurity.acls(users.get(CLIENT_USER)), clientNeeds(m), CLIENT_USER));
        assertThat(problems).isEmpty();
        for (GenericKubernetesResource u : users.values()) {
            assertThat(KafkaSecurity.acls(u))
                    .as(
                            "KafkaUser %s: only allow rules, no administrative operation",
                            u.getMetadata().getName())
                    .allSatisfy(a -> {
                        assertThat(a.allow()).isTrue();
                        assertThat(a.operations())
                                .doesNotContain("All", "Alter", "AlterConfigs", "Create", "Delete", "ClusterAction");
                        assertThat(a.name()).as("no wildcard resource").isNotEqualTo("*");
                    });
        }
    }

    @Test
    void theChecksCatchTooMuchAndTooLittle() {
        // A trainer allowed to write every simclr.* topic, and missing its group.
        List<KafkaSecurity.Acl> trainer = List.of(
                new KafkaSecurity.Acl("allow", "topic", "simclr.", "prefix", List.of("Read", "Write"), true),
                new KafkaSecurity.Acl("allow", "cluster", null, "literal", List.of("IdempotentWrite"), true));
        List<String> v = violations(trainer, needs(Rendered.overlay("cpu")).get(Repo.Service.TRAINER), "t");
        assertThat(v)
                .contains(
                        "t must not have Write on topic simclr.images (a trainer producing images is a bug (issue 11))",
                        "t needs Read on group simclr-trainer.main (commits its position for monitoring)");
        // A deny rule wins; Read implies Describe.
        List<KafkaSecurity.Acl> acls = List.of(
                new KafkaSecurity.Acl("allow", "topic", "simclr.", "prefix", List.of("Read"), true),
                new KafkaSecurity.Acl("deny", "topic", "simclr.views", "literal", List.of("Read"), false));
        assertThat(KafkaSecurity.allows(acls, topic("simclr.eval"), "Describe")).isTrue();
        assertThat(KafkaSecurity.allows(acls, topic("simclr.views"), "Read")).isFalse();
        assertThat(KafkaSecurity.allows(acls, topic("simclr.eval"), "Write")).isFalse();
    }
}
