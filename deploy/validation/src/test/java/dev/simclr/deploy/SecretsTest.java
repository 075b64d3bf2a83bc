package dev.simclr.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Secrets are referenced (secretKeyRef, ${VAR:-local default}), never written into a deployment file. */
class SecretsTest {

    static Stream<String> overlays() {
        return Rendered.OVERLAYS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void manifestsTakeEverySecretFromASecret(String overlay) {
        Manifests m = Rendered.overlay(overlay);
        assertThat(Secrets.violations(m)).isEmpty();
        for (Repo.Service s : Repo.Service.values()) {
            assertThat(Rendered.environment(m, Rendered.container(m, s)))
                    .as(s.module)
                    .hasEntrySatisfying(
                            "KAFKA_SASL_JAAS_CONFIG", v -> assertThat(v).startsWith("secret:"))
                    .hasEntrySatisfying(
                            "SIMCLR_S3_SECRET_KEY", v -> assertThat(v).startsWith("secret:"));
        }
    }

    @Test
    void composeSecretsAreLocalDefaults() {
        assertThat(Secrets.violations(Compose.raw())).isEmpty();
    }

    @Test
    void whatCountsAsASecret() {
        assertThat(Secrets.isSecret("KAFKA_SASL_JAAS_CONFIG")).isTrue();
        assertThat(Secrets.isSecret("KAFKA_SSL_KEYSTORE_PASSWORD")).isTrue();
        assertThat(Secrets.isSecret("KAFKA_SSL_TRUSTSTORE_LOCATION")).isFalse();
        assertThat(Secrets.isSecret("KAFKA_SASL_MECHANISM")).isFalse();
        assertThat(Secrets.isSecret("SIMCLR_S3_SECRET_KEY")).isTrue();
        assertThat(Secrets.isSecret("AWS_SECRET_ACCESS_KEY")).isTrue();
        assertThat(Secrets.isSecret("S3_TRAINER_ACCESS_KEY")).isTrue();
        assertThat(Secrets.isSecret("SIMCLR_S3_ENDPOINT")).isFalse();
        assertThat(Secrets.isSecret("SIMCLR_RUN_ID")).isFalse();
    }

    @Test
    void anInlineOrConfigMapSecretFails() {
        Manifests bad = Manifests.parse("""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
        data:
          KAFKA_SSL_TRUSTSTORE_PASSWORD: changeit
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: d
        spec:
          selector:
            matchLabels: {app: d}
          template:
            metadata:
              labels: {app: d}
            spec:
              containers:
                - name: c
                  image: i:1
                  env:
                    - name: KAFKA_SASL_JAAS_CONFIG
                      value: org.apache.kafka.common.security.scram.ScramLoginModule required username="u" password="p";
                    - name: SIMCLR_S3_SECRET_KEY
                      valueFrom:
                        secretKeyRef: {name: s3, key: secret-key}
        """);
        assertThat(Secrets.violations(bad))
                .containsExactlyInAnyOrder(
                        "ConfigMap/settings: KAFKA_SSL_TRUSTSTORE_PASSWORD is a secret: put it in a Secret",
                        "Deployment/d container c: KAFKA_SASL_JAAS_CONFIG must come from a Secret (valueFrom.secretKeyRef), not a literal value");
    }

    @Test
    void aCommittedComposeSecretFails() {
        Compose bad = Compose.of("""
        services:
          trainer-service:
            environment:
              SIMCLR_S3_ACCESS_KEY: ${SIMCLR_TRAINER_S3_ACCESS_KEY:-trainer}
              SIMCLR_S3_SECRET_KEY: hunter2
          evaluator-service:
            environment:
              - SIMCLR_S3_SECRET_KEY=${SIMCLR_EVALUATOR_S3_SECRET_KEY:-Pr0d-P4ssw0rd}
        """);
        assertThat(Secrets.violations(bad))
                .containsExactlyInAnyOrder(
                        "docker-compose service trainer-service: SIMCLR_S3_SECRET_KEY must be ${VARIABLE:-local default}, not a literal value",
                        "docker-compose service evaluator-service: SIMCLR_S3_SECRET_KEY's default must say it is a local development value"
                                + " (contain \"local\")");
    }
}
