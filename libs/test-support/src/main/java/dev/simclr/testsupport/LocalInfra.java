package dev.simclr.testsupport;

import dev.simclr.localstack.EmbeddedKafka;
import dev.simclr.localstack.EmbeddedS3;
import dev.simclr.localstack.KafkaEndpoint;
import dev.simclr.localstack.S3Endpoint;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the local infrastructure: Testcontainers ({@value ContainerKafka#IMAGE}, {@value ContainerS3#IMAGE}) or the
 * embedded servers. System property {@value #MODE_PROPERTY} (or environment variable {@value #MODE_ENV}) chooses:
 * {@code auto} (default) uses containers only when a Docker engine answers <em>and</em> the image is present or can be
 * pulled within a short timeout, else the embedded servers, so a machine with Docker but no registry still builds;
 * {@code embedded} never asks Docker; {@code containers} fails with a clear message when Docker or the image is not
 * usable. One INFO line per server says which was chosen and why.
 */
public final class LocalInfra {

    /** System property that forces a backend. */
    public static final String MODE_PROPERTY = "simclr.local-infra";
    /** Environment variable that forces a backend (the system property wins). */
    public static final String MODE_ENV = "SIMCLR_LOCAL_INFRA";

    /** Where a server runs. */
    public enum Backend {
        /** In this JVM (Kafka) or a child JVM (s3proxy). */
        EMBEDDED,
        /** In Docker, through Testcontainers. */
        TESTCONTAINERS
    }

    /**
     * A choice and its reason (the log line).
     *
     * @param backend where the server runs
     * @param reason why, e.g. {@code Docker is available but image ... cannot be pulled: ...}
     */
    record Decision(Backend backend, String reason) {}

    private static final Logger LOG = LoggerFactory.getLogger(LocalInfra.class);

    private final DockerProbe docker;
    private final String mode;

    LocalInfra(DockerProbe docker, String mode) {
        this.docker = docker;
        this.mode = mode == null || mode.isBlank() ? "auto" : mode.trim().toLowerCase(Locale.ROOT);
        if (!this.mode.equals("auto") && !this.mode.equals("embedded") && !this.mode.equals("containers")) {
            throw new IllegalArgumentException(MODE_PROPERTY + " (or " + MODE_ENV
                    + ") must be auto, embedded or containers," + " got '" + mode + "'");
        }
    }

    private static LocalInfra fromSystem() {
        return new LocalInfra(
                new TestcontainersDockerProbe(), System.getProperty(MODE_PROPERTY, System.getenv(MODE_ENV)));
    }

    /**
     * Starts Kafka: a Testcontainers {@value ContainerKafka#IMAGE} or an {@link EmbeddedKafka}.
     *
     * @param dataDir data directory of the embedded broker (null: temp); unused by the container
     */
    public static KafkaEndpoint kafka(Path dataDir) {
        return fromSystem().choose("Kafka", ContainerKafka.IMAGE).backend() == Backend.TESTCONTAINERS
                ? ContainerKafka.start()
                : EmbeddedKafka.start(dataDir);
    }

    /**
     * Starts S3: a Testcontainers SeaweedFS ({@value ContainerS3#IMAGE}) or an {@link EmbeddedS3}.
     *
     * @param dataDir data directory of the embedded server (null: temp); unused by the container
     */
    public static S3Endpoint s3(Path dataDir) {
        return fromSystem().choose("S3", ContainerS3.IMAGE).backend() == Backend.TESTCONTAINERS
                ? ContainerS3.start()
                : EmbeddedS3.start(dataDir);
    }

    /**
     * Decides the backend for {@code what} (its container image {@code image}) and logs the decision.
     *
     * @throws IllegalStateException in mode {@code containers} when Docker or the image is not usable
     */
    Decision choose(String what, String image) {
        Decision d = decide(image);
        LOG.info(
                "local infrastructure: {} runs {} ({})",
                what,
                d.backend() == Backend.EMBEDDED ? "embedded" : "in Testcontainers",
                d.reason());
        return d;
    }

    private Decision decide(String image) {
        if (mode.equals("embedded")) {
            return new Decision(Backend.EMBEDDED, MODE_PROPERTY + "=embedded");
        }
        String engine = docker.engineProblem();
        if (engine != null) {
            if (mode.equals("containers")) {
                throw new IllegalStateException(
                        MODE_ENV + "=containers (or -D" + MODE_PROPERTY + "=containers) needs a usable"
                                + " Docker, but " + engine + ". Start a Docker engine, or use auto or embedded.");
            }
            return new Decision(Backend.EMBEDDED, "Docker is not available: " + engine);
        }
        String imageProblem = docker.imageProblem(image);
        if (imageProblem != null) {
            if (mode.equals("containers")) {
                throw new IllegalStateException(
                        MODE_ENV + "=containers (or -D" + MODE_PROPERTY + "=containers) needs image " + image
                                + ", but it " + imageProblem + ". Make the image available, or use auto or embedded.");
            }
            return new Decision(Backend.EMBEDDED, "Docker is available but image " + image + " " + imageProblem);
        }
        return new Decision(
                Backend.TESTCONTAINERS,
                mode.equals("containers")
                        ? MODE_PROPERTY + "=containers, image " + image + " is available"
                        : "Docker and image " + image + " are available");
    }
}
