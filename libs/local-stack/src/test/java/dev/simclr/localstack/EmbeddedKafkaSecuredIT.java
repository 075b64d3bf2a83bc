package dev.simclr.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The secured broker: TLS with the generated CA, SCRAM users, ACLs enforced, super users. */
class EmbeddedKafkaSecuredIT {

    private static Path dir;
    private static KafkaSecurity security;
    private static EmbeddedKafka kafka;
    private static final String PASSWORD = KafkaSecurity.randomPassword();

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("secured-kafka-it");
        security = KafkaSecurity.generate(dir.resolve("tls"));
        kafka = EmbeddedKafka.startSecured(null, security);
        kafka.createTopic("allowed", 1, Map.of());
        kafka.createTopic("forbidden", 1, Map.of());
        kafka.createUser("alice", PASSWORD);
        kafka.createAcls(List.of(
                allow("alice", ResourceType.TOPIC, "allowed", AclOperation.WRITE),
                allow("alice", ResourceType.TOPIC, "allowed", AclOperation.READ)));
    }

    @AfterAll
    static void stop() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
        LocalFiles.deleteTree(dir);
    }

    private static AclBinding allow(String user, ResourceType type, String name, AclOperation op) {
        return new AclBinding(
                new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry("User:" + user, "*", op, AclPermissionType.ALLOW));
    }

    private static KafkaProducer<String, String> producer(String user, String password) {
        Map<String, Object> p = new HashMap<>(security.clientProperties(user, password));
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    @Test
    void aUserWritesAndReadsWhatItsAclsAllowOverTls() throws Exception {
        try (KafkaProducer<String, String> p = producer("alice", PASSWORD)) {
            p.send(new ProducerRecord<>("allowed", "k", "v1")).get(30, TimeUnit.SECONDS);
        }
        Map<String, Object> c = new HashMap<>(security.clientProperties("alice", PASSWORD));
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition tp = new TopicPartition("allowed", 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            List<String> values = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
            assertThat(values).containsExactly("v1");
        }
    }

    @Test
    void writingOutsideTheAclsIsAnAuthorizationError() {
        try (KafkaProducer<String, String> p = producer("alice", PASSWORD)) {
            assertThatThrownBy(() ->
                            p.send(new ProducerRecord<>("forbidden", "k", "v")).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(TopicAuthorizationException.class)
                    .hasMessageContaining("forbidden");
        }
    }

    @Test
    void aWrongPasswordFailsAuthentication() {
        Map<String, Object> p = new HashMap<>(security.clientProperties("alice", "not-" + PASSWORD));
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            assertThatThrownBy(() -> admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOf(SaslAuthenticationException.class)
                    .hasMessageContaining("SCRAM-SHA-512");
        }
    }

    @Test
    void theTrustStoreAndCaAreWhatClientsNeedAndSecretsStayOutOfToString() throws Exception {
        assertThat(kafka.security()).contains(security);
        assertThat(Files.readString(security.tls().caCertificate(), StandardCharsets.US_ASCII))
                .startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(security.toString())
                .doesNotContain(
                        security.adminPassword(),
                        security.brokerPassword(),
                        security.tls().password());
        assertThat(kafka.bootstrapServers()).startsWith("127.0.0.1:");
    }
}
