package dev.simclr.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

class ManifestsTest {

    private static final String DEPLOYMENT = """
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
                image: i
                %s
      """;

    @Test
    void parsesTypedAndCustomResources() {
        Manifests m = Manifests.parse(DEPLOYMENT.formatted("") + """
        ---
        apiVersion: kafka.strimzi.io/v1
        kind: KafkaTopic
        metadata:
          name: t
        spec:
          partitions: 3
        """);
        assertThat(m.of(Deployment.class)).hasSize(1);
        assertThat(PipelineTopics.spec(m.custom("KafkaTopic").get(0))).containsEntry("partitions", 3);
    }

    @Test
    void rejectsFieldsTheModelDoesNotKnow() {
        assertThatThrownBy(() -> Manifests.parse(DEPLOYMENT.formatted("imagePullPolcy: Always")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Deployment/d")
                .hasMessageContaining("[imagePullPolcy]");
    }

    @Test
    void rejectsSecretsAndUnknownKinds() {
        assertThatThrownBy(() -> Manifests.parse("""
        apiVersion: v1
        kind: Secret
        metadata:
          name: s3
        stringData:
          secret-key: committed-by-mistake
        """))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("unexpected kind 'v1 Secret'");
        assertThatThrownBy(() -> Manifests.parse("""
        apiVersion: keda.sh/v1alpha1
        kind: ScaledJob
        metadata:
          name: j
        """))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ScaledJob");
    }
}
