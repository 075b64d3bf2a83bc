package dev.simclr.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.localstack.EmbeddedKafka;
import dev.simclr.localstack.KafkaSecurity;
import dev.simclr.localstack.LocalTls;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The start-up check against the secured embedded broker: what passes, and how each mistake is reported. */
class KafkaStartupCheckIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String PASSWORD = KafkaSecurity.randomPassword();
    private static Path dir;
    private static KafkaSecurity security;
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void start() throws IOException {
        dir = Files.createTempDirectory("startup-check-it");
        security = KafkaSecurity.generate(dir.resolve("tls"));
        kafka = EmbeddedKafka.startSecured(null, security);
        kafka.createUser("trainer", PASSWORD);
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    private static KafkaSettings settings(String password) {
        Map<String, String> p = new HashMap<>(security.clientProperties("trainer", password));
        p.put("bootstrap.servers", kafka.bootstrapServers());
        return KafkaSettings.of(p);
    }

    @Test
    void theRightCredentialsPass() {
        KafkaStartupCheck.verify(settings(PASSWORD), "trainer", TIMEOUT);
    }

    @Test
    void aWrongPasswordNamesTheUserMechanismAndVariableButNotThePassword() {
        String wrong = "wrong-" + PASSWORD;
        assertThatThrownBy(() -> KafkaStartupCheck.verify(settings(wrong), "trainer", TIMEOUT))
                .isInstanceOf(KafkaAccessException.class)
                .hasMessageStartingWith("Kafka at " + kafka.bootstrapServers()
                        + " rejected the credentials of the trainer" + " (SASL SCRAM-SHA-512, user 'trainer')")
                .hasMessageContaining("Check KAFKA_SASL_JAAS_CONFIG")
                .hasMessageNotContaining(wrong)
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void aTrustStoreWithAnotherCaFailsTheHandshake() {
        LocalTls other = LocalTls.generate(dir.resolve("other-ca"));
        KafkaSettings s = settings(PASSWORD)
                .with("ssl.truststore.location", other.trustStore().toString())
                .with("ssl.truststore.password", other.password());
        assertThatThrownBy(() -> KafkaStartupCheck.verify(s, "evaluator", TIMEOUT))
                .isInstanceOf(KafkaAccessException.class)
                .hasMessageStartingWith(
                        "the TLS handshake of the evaluator with Kafka at " + kafka.bootstrapServers() + " failed")
                .hasMessageContaining("KAFKA_SSL_TRUSTSTORE_LOCATION")
                .hasMessageNotContaining(other.password());
    }

    @Test
    void aMissingTrustStoreFailsBeforeAnyConnection() {
        KafkaSettings s = settings(PASSWORD)
                .with("ssl.truststore.location", dir.resolve("nope.p12").toString());
        assertThatThrownBy(() -> KafkaStartupCheck.verify(s, "augmenter", TIMEOUT))
                .isInstanceOf(KafkaAccessException.class)
                .hasMessageStartingWith("the augmenter cannot create a Kafka client from its kafka.* settings")
                .hasMessageContaining("ssl.truststore.password=[hidden]")
                .hasMessageNotContaining(security.tls().password());
    }

    @Test
    void aBrokerThatDoesNotAnswerIsOnlyWaitedFor() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        long t0 = System.nanoTime();
        KafkaStartupCheck.verify(KafkaSettings.bootstrap("127.0.0.1:" + port), "trainer", Duration.ofSeconds(2));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
    }
}
