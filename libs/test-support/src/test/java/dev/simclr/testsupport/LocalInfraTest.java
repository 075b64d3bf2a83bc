package dev.simclr.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.testsupport.LocalInfra.Backend;
import dev.simclr.testsupport.LocalInfra.Decision;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The choice between containers and embedded servers, with a scripted Docker (no Docker needed). */
class LocalInfraTest {

    /** A Docker that answers as scripted and records what it was asked. */
    private static final class FakeDocker implements DockerProbe {
        private final String engine;
        private final String image;
        private final List<String> asked = new ArrayList<>();

        FakeDocker(String engine, String image) {
            this.engine = engine;
            this.image = image;
        }

        @Override
        public String engineProblem() {
            asked.add("engine");
            return engine;
        }

        @Override
        public String imageProblem(String name) {
            asked.add(name);
            return image;
        }
    }

    @Test
    void autoUsesContainersWhenDockerAndTheImageAreAvailable() {
        FakeDocker docker = new FakeDocker(null, null);
        Decision d = new LocalInfra(docker, null).choose("S3", ContainerS3.IMAGE);
        assertThat(d.backend()).isEqualTo(Backend.TESTCONTAINERS);
        assertThat(d.reason()).isEqualTo("Docker and image chrislusf/seaweedfs:4.47 are available");
        assertThat(docker.asked).containsExactly("engine", ContainerS3.IMAGE);
    }

    @Test
    void autoFallsBackToEmbeddedWithoutDockerAndDoesNotAskForTheImage() {
        FakeDocker docker = new FakeDocker("no Docker engine answered (no usable DOCKER_HOST or socket)", null);
        Decision d = new LocalInfra(docker, "auto").choose("Kafka", ContainerKafka.IMAGE);
        assertThat(d.backend()).isEqualTo(Backend.EMBEDDED);
        assertThat(d.reason())
                .isEqualTo("Docker is not available: no Docker engine answered (no usable DOCKER_HOST or socket)");
        assertThat(docker.asked).containsExactly("engine");
    }

    @Test
    void autoFallsBackToEmbeddedWhenDockerRunsButTheImageCannotBePulled() {
        FakeDocker docker = new FakeDocker(null, "is not present and cannot be pulled: registry-1.docker.io: no route");
        Decision d = new LocalInfra(docker, "").choose("S3", ContainerS3.IMAGE);
        assertThat(d.backend()).isEqualTo(Backend.EMBEDDED);
        assertThat(d.reason())
                .isEqualTo("Docker is available but image chrislusf/seaweedfs:4.47 is not present and cannot"
                        + " be pulled: registry-1.docker.io: no route");
    }

    @Test
    void embeddedModeNeverAsksDocker() {
        FakeDocker docker = new FakeDocker(null, null);
        assertThat(new LocalInfra(docker, "Embedded")
                        .choose("S3", ContainerS3.IMAGE)
                        .backend())
                .isEqualTo(Backend.EMBEDDED);
        assertThat(docker.asked).isEmpty();
    }

    @Test
    void containersModeFailsClearlyWithoutUsableDockerOrImage() {
        assertThat(new LocalInfra(new FakeDocker(null, null), "containers")
                        .choose("Kafka", ContainerKafka.IMAGE)
                        .backend())
                .isEqualTo(Backend.TESTCONTAINERS);
        assertThatThrownBy(() -> new LocalInfra(new FakeDocker("no Docker engine answered", null), "containers")
                        .choose("Kafka", ContainerKafka.IMAGE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(
                        "SIMCLR_LOCAL_INFRA=containers (or -Dsimclr.local-infra=containers) needs a usable Docker, but no"
                                + " Docker engine answered. Start a Docker engine, or use auto or embedded.");
        assertThatThrownBy(() -> new LocalInfra(
                                new FakeDocker(null, "is not present and pulling it did not finish within" + " 60 s"),
                                "containers")
                        .choose("S3", ContainerS3.IMAGE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(
                        "needs image chrislusf/seaweedfs:4.47, but it is not present and pulling it did not finish");
    }

    @Test
    void unknownModeIsRejected() {
        assertThatThrownBy(() -> new LocalInfra(new FakeDocker(null, null), "k8s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("simclr.local-infra")
                .hasMessageContaining("SIMCLR_LOCAL_INFRA")
                .hasMessageContaining("k8s");
    }

    @Test
    void theS3ContainerIsAMaintainedServerConfiguredWithAnIdentity() {
        assertThat(ContainerS3.IMAGE).startsWith("chrislusf/seaweedfs:").doesNotContain("minio");
        assertThat(ContainerS3.identityConfig("ak-1", "sk-2"))
                .isEqualTo("{\"identities\":[{\"name\":\"local\","
                        + "\"credentials\":[{\"accessKey\":\"ak-1\",\"secretKey\":\"sk-2\"}],\"actions\":[\"Admin\",\"Read\",\"List\","
                        + "\"Tagging\",\"Write\"]}]}");
    }
}
