package dev.simclr.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.localstack.LocalInfra.Backend;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class LocalInfraTest {

  @Test
  void autoPicksTestcontainersWhenDockerIsAvailable() {
    assertThat(new LocalInfra(() -> true, null).choose("Kafka")).isEqualTo(Backend.TESTCONTAINERS);
    assertThat(new LocalInfra(() -> true, "auto").choose("S3")).isEqualTo(Backend.TESTCONTAINERS);
  }

  @Test
  void autoPicksEmbeddedWithoutDocker() {
    assertThat(new LocalInfra(() -> false, "").choose("Kafka")).isEqualTo(Backend.EMBEDDED);
  }

  @Test
  void embeddedModeDoesNotAskDocker() {
    AtomicInteger asked = new AtomicInteger();
    BooleanSupplier docker = () -> {
      asked.incrementAndGet();
      return true;
    };
    assertThat(new LocalInfra(docker, "Embedded").choose("S3")).isEqualTo(Backend.EMBEDDED);
    assertThat(asked).hasValue(0);
  }

  @Test
  void containersModeRequiresDocker() {
    assertThat(new LocalInfra(() -> true, "containers").choose("Kafka")).isEqualTo(Backend.TESTCONTAINERS);
    assertThatThrownBy(() -> new LocalInfra(() -> false, "containers").choose("Kafka"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Docker is not available");
  }

  @Test
  void unknownModeIsRejected() {
    assertThatThrownBy(() -> new LocalInfra(() -> false, "k8s"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("simclr.local-infra").hasMessageContaining("k8s");
  }
}
