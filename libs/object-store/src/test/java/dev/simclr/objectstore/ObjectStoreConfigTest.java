package dev.simclr.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObjectStoreConfigTest {

    private static final Map<String, String> ENV = Map.of(
            "SIMCLR_S3_ENDPOINT", "http://127.0.0.1:9000/",
            "SIMCLR_S3_ACCESS_KEY", "AKIAEXAMPLE12345",
            "SIMCLR_S3_SECRET_KEY", "very-secret-value");

    @Test
    void fromEnvUsesDefaultsForOptionalValues() {
        ObjectStoreConfig c = ObjectStoreConfig.fromEnv(ENV);
        assertThat(c.endpoint()).isEqualTo("http://127.0.0.1:9000");
        assertThat(c.accessKey()).isEqualTo("AKIAEXAMPLE12345");
        assertThat(c.secretKey()).isEqualTo("very-secret-value");
        assertThat(c.region()).isEqualTo("us-east-1");
        assertThat(c.maxAttempts()).isEqualTo(ObjectStoreConfig.DEFAULT_MAX_ATTEMPTS);
    }

    @Test
    void fromEnvReadsTheRegion() {
        Map<String, String> env = new java.util.HashMap<>(ENV);
        env.put("SIMCLR_S3_REGION", "eu-west-1");
        assertThat(ObjectStoreConfig.fromEnv(env).region()).isEqualTo("eu-west-1");
    }

    @Test
    void missingVariableIsNamed() {
        Map<String, String> env = new java.util.HashMap<>(ENV);
        env.remove("SIMCLR_S3_SECRET_KEY");
        assertThatThrownBy(() -> ObjectStoreConfig.fromEnv(env))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("environment variable SIMCLR_S3_SECRET_KEY is not set");
    }

    @Test
    void toStringRedactsBothKeys() {
        String s = ObjectStoreConfig.fromEnv(ENV).toString();
        assertThat(s)
                .doesNotContain("very-secret-value")
                .doesNotContain("AKIAEXAMPLE12345")
                .contains("accessKey=AKIA***")
                .contains("secretKey=***")
                .contains("http://127.0.0.1:9000");
        ObjectStoreConfig shortKey = ObjectStoreConfig.builder()
                .setEndpoint("http://h:1")
                .setAccessKey("short")
                .setSecretKey("s")
                .build();
        assertThat(shortKey.toString()).doesNotContain("short").contains("accessKey=***");
    }

    @Test
    void rejectsBadValues() {
        ObjectStoreConfig.Builder b =
                ObjectStoreConfig.builder().setAccessKey("a").setSecretKey("s");
        assertThatThrownBy(() -> b.setEndpoint("ftp://x").build()).hasMessageContaining("http(s)://host");
        assertThatThrownBy(() -> b.setEndpoint("http://user:pw@x").build())
                .hasMessageContaining("must not carry credentials")
                .message()
                .doesNotContain("pw");
        assertThatThrownBy(() -> b.setEndpoint("http://x").optMaxAttempts(0).build())
                .hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> b.optMaxAttempts(3)
                        .optBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1))
                        .build())
                .hasMessageContaining("maxBackoff");
        assertThatThrownBy(() -> ObjectStoreConfig.builder()
                        .setEndpoint("http://x")
                        .setSecretKey("s")
                        .build())
                .hasMessage("object store access key is missing");
    }
}
