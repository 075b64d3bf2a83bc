package dev.simclr.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** No deployment file names an image that no longer exists (minio/minio, minio/mc) or an unpinned one. */
class ImagesTest {

    static Stream<String> overlays() {
        return Rendered.OVERLAYS.stream();
    }

    @Test
    void composeNamesOnlyPullableImages() {
        List<Images.Use> uses = Images.in(Compose.raw());
        assertThat(Images.problems(uses)).isEmpty();
        assertThat(uses)
                .extracting(u -> Images.repository(u.image()))
                .as("the S3 server of compose")
                .contains("chrislusf/seaweedfs");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void overlaysNameOnlyPullableImages(String overlay) {
        List<Images.Use> uses = Images.in(Rendered.overlay(overlay));
        assertThat(Images.problems(uses)).isEmpty();
        assertThat(uses)
                .extracting(u -> Images.repository(u.image()))
                .as("the three services and the evaluator's eval-set download")
                .contains(
                        "simclr/augmenter-service",
                        "simclr/trainer-service",
                        "simclr/evaluator-service",
                        "amazon/aws-cli");
    }

    @Test
    void aMinioImageInAManifestFails() {
        Manifests bad = Manifests.parse("""
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
              initContainers:
                - name: make-bucket
                  image: minio/mc:RELEASE.2025-08-13T08-35-41Z
              containers:
                - name: s3
                  image: quay.io/minio/minio:RELEASE.2025-09-07T16-13-09Z
        """);
        assertThat(Images.problems(Images.in(bad)))
                .hasSize(2)
                .anySatisfy(p -> assertThat(p)
                        .startsWith("Deployment/d container make-bucket: minio/mc:")
                        .contains("no longer exists"))
                .anySatisfy(p -> assertThat(p)
                        .startsWith("Deployment/d container s3: quay.io/minio/minio:")
                        .contains("no longer exists"));
    }

    @Test
    void aMinioImageInComposeFails() {
        Compose bad = Compose.of("""
        services:
          minio:
            image: docker.io/minio/minio:RELEASE.2025-09-07T16-13-09Z
          s3:
            image: chrislusf/seaweedfs:4.48
        """);
        assertThat(Images.problems(Images.in(bad)))
                .singleElement()
                .asString()
                .startsWith("docker-compose service minio: docker.io/minio/minio")
                .contains("no longer exists");
    }

    @Test
    void unpinnedImagesFail() {
        List<Images.Use> uses = new ArrayList<>();
        uses.add(new Images.Use("a", "chrislusf/seaweedfs"));
        uses.add(new Images.Use("b", "registry.example.com:5000/simclr/trainer-service:latest"));
        uses.add(new Images.Use(
                "c", "amazon/aws-cli@sha256:fb7ccfc7b4e3a05017e6c9ded4ba959b99af622130e211fb976c68c2f4d3f224"));
        assertThat(Images.problems(uses))
                .containsExactly(
                        "a: chrislusf/seaweedfs is not pinned to a version",
                        "b: registry.example.com:5000/simclr/trainer-service:latest is not pinned to a version");
    }

    @Test
    void repositoryIgnoresRegistryTagAndDigest() {
        assertThat(Images.repository("minio/mc:RELEASE.2025-08-13T08-35-41Z")).isEqualTo("minio/mc");
        assertThat(Images.repository("quay.io/minio/minio@sha256:abc")).isEqualTo("minio/minio");
        assertThat(Images.repository("localhost:5000/minio/minio:x")).isEqualTo("minio/minio");
        assertThat(Images.repository("docker.io/library/eclipse-temurin:17-jre"))
                .isEqualTo("eclipse-temurin");
        assertThat(Images.repository("minio-mirror/minio:x")).isEqualTo("minio-mirror/minio");
    }
}
