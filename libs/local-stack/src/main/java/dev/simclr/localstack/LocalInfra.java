package dev.simclr.localstack;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * Picks the local infrastructure: Testcontainers (real Kafka and MinIO images) when Docker is
 * available, else the embedded servers. System property {@value #MODE_PROPERTY} (or environment
 * variable {@code SIMCLR_LOCAL_INFRA}) forces a choice: {@code auto} (default), {@code embedded}
 * or {@code containers}. One INFO line says which was chosen and why.
 */
public final class LocalInfra {

  /** System property that forces a backend. */
  public static final String MODE_PROPERTY = "simclr.local-infra";

  /** Where a server runs. */
  public enum Backend {
    /** In this JVM (Kafka) or a child JVM (s3proxy). */
    EMBEDDED,
    /** In Docker, through Testcontainers. */
    TESTCONTAINERS
  }

  private static final Logger LOG = LoggerFactory.getLogger(LocalInfra.class);

  private final BooleanSupplier dockerAvailable;
  private final String mode;

  LocalInfra(BooleanSupplier dockerAvailable, String mode) {
    this.dockerAvailable = dockerAvailable;
    this.mode = mode == null || mode.isBlank() ? "auto" : mode.trim().toLowerCase(Locale.ROOT);
    if (!this.mode.equals("auto") && !this.mode.equals("embedded") && !this.mode.equals("containers")) {
      throw new IllegalArgumentException(MODE_PROPERTY + " must be auto, embedded or containers, got '" + mode + "'");
    }
  }

  private static LocalInfra fromSystem() {
    String mode = System.getProperty(MODE_PROPERTY, System.getenv("SIMCLR_LOCAL_INFRA"));
    return new LocalInfra(() -> DockerClientFactory.instance().isDockerAvailable(), mode);
  }

  /**
   * Starts Kafka: a Testcontainers {@value ContainerKafka#IMAGE} or an {@link EmbeddedKafka}.
   *
   * @param dataDir data directory of the embedded broker (null: temp); unused by the container
   */
  public static KafkaEndpoint kafka(Path dataDir) {
    return fromSystem().choose("Kafka") == Backend.TESTCONTAINERS ? ContainerKafka.start() : EmbeddedKafka.start(dataDir);
  }

  /**
   * Starts S3: a Testcontainers MinIO ({@value ContainerS3#IMAGE}) or an {@link EmbeddedS3}.
   *
   * @param dataDir data directory of the embedded server (null: temp); unused by the container
   */
  public static S3Endpoint s3(Path dataDir) {
    return fromSystem().choose("S3") == Backend.TESTCONTAINERS ? ContainerS3.start() : EmbeddedS3.start(dataDir);
  }

  /** Decides the backend for {@code what} and logs the decision. */
  Backend choose(String what) {
    Backend backend;
    String why;
    switch (mode) {
      case "embedded" -> {
        backend = Backend.EMBEDDED;
        why = MODE_PROPERTY + "=embedded";
      }
      case "containers" -> {
        if (!dockerAvailable.getAsBoolean()) {
          throw new IllegalStateException(MODE_PROPERTY + "=containers but Docker is not available");
        }
        backend = Backend.TESTCONTAINERS;
        why = MODE_PROPERTY + "=containers";
      }
      default -> {
        boolean docker = dockerAvailable.getAsBoolean();
        backend = docker ? Backend.TESTCONTAINERS : Backend.EMBEDDED;
        why = docker ? "Docker is available" : "Docker is not available";
      }
    }
    LOG.info("local infrastructure: {} runs {} ({})", what,
        backend == Backend.EMBEDDED ? "embedded" : "in Testcontainers", why);
    return backend;
  }
}
