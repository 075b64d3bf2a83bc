package dev.simclr.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.launcher.UserException;
import dev.simclr.launcher.stack.StackInfo;
import dev.simclr.launcher.stack.StackLayout;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndpointsTest {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"client\" password=\"pw-123\";";
    private static final Map<String, String> SECURED = Map.of(
            "KAFKA_BOOTSTRAP_SERVERS",
            "kafka.example:9093",
            "KAFKA_SECURITY_PROTOCOL",
            "SASL_SSL",
            "KAFKA_SASL_MECHANISM",
            "SCRAM-SHA-512",
            "KAFKA_SASL_JAAS_CONFIG",
            JAAS,
            "SIMCLR_S3_ENDPOINT",
            "https://s3.example",
            "SIMCLR_S3_ACCESS_KEY",
            "client-key",
            "SIMCLR_S3_SECRET_KEY",
            "client-secret");

    @TempDir
    Path tmp;

    @Test
    void kafkaBootstrapServersInTheEnvironmentSelectsThatClusterWithAllItsSettings() {
        Endpoints ep = Endpoints.resolve(new StackLayout(tmp), null, true, SECURED);
        assertThat(ep.stack()).isEmpty();
        assertThat(ep.bootstrapServers()).isEqualTo("kafka.example:9093");
        assertThat(ep.kafka().properties())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.jaas.config", JAAS);
        assertThat(ep.s3().endpoint()).isEqualTo("https://s3.example");
        assertThat(ep.s3().accessKey()).isEqualTo("client-key");
    }

    @Test
    void theOptionWinsOverTheEnvironmentsBootstrapServers() {
        Endpoints ep = Endpoints.resolve(new StackLayout(tmp), "other:9093", false, SECURED);
        assertThat(ep.bootstrapServers()).isEqualTo("other:9093");
        assertThat(ep.kafka().properties()).containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        assertThat(ep.s3()).isNull();
    }

    @Test
    void anotherClusterNeedsS3FromTheEnvironmentForImport() {
        assertThatThrownBy(() -> Endpoints.resolve(
                        new StackLayout(tmp), null, true, Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092")))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("with --bootstrap-servers or KAFKA_BOOTSTRAP_SERVERS, set SIMCLR_S3_ENDPOINT");
    }

    @Test
    void theLocalStackGetsOnlyItsBootstrapServers() throws Exception {
        StackLayout layout = new StackLayout(tmp);
        new StackInfo(
                        1,
                        ProcessHandle.current().pid(),
                        Instant.now(),
                        tmp.toString(),
                        "demo",
                        new StackInfo.KafkaInfo("127.0.0.1:40001"),
                        new StackInfo.S3Info(
                                "http://127.0.0.1:40002", "ak", "sk", "us-east-1", "simclr-data", "simclr"),
                        List.of(),
                        "http://127.0.0.1:8083/")
                .write(layout.stackJson());
        Endpoints ep = Endpoints.resolve(layout, null, true, Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL"));
        assertThat(ep.stack()).isPresent();
        assertThat(ep.kafka().properties()).containsOnly(Map.entry("bootstrap.servers", "127.0.0.1:40001"));
        assertThat(ep.s3().accessKey()).isEqualTo("ak");
    }
}
