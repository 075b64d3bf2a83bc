package dev.simclr.testsupport;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.dockerclient.DockerClientProviderStrategy;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.TestcontainersConfiguration;

/**
 * {@link DockerProbe} through Testcontainers' engine discovery, with a plain docker-java client (not Testcontainers'
 * own, whose first use starts the Ryuk reaper container, itself an image to pull). An image counts as usable when it is
 * present locally or a pull finishes within {@link #PULL_TIMEOUT}; Ryuk's image is checked with it unless Ryuk is
 * disabled. Answers are cached per JVM.
 */
final class TestcontainersDockerProbe implements DockerProbe {

    /** How long a pull may take before the image counts as unavailable. */
    static final Duration PULL_TIMEOUT = Duration.ofSeconds(60);

    private static final Map<String, String> IMAGE_PROBLEMS = new ConcurrentHashMap<>();
    private static final String OK = "";

    @Override
    public String engineProblem() {
        try {
            return DockerClientFactory.instance().isDockerAvailable()
                    ? null
                    : "no Docker engine answered (no usable DOCKER_HOST or socket)";
        } catch (RuntimeException e) {
            // an engine answered, but Testcontainers' start-up checks failed (e.g. no default bridge network)
            return "Testcontainers cannot use the Docker engine: " + e.getMessage();
        }
    }

    @Override
    public String imageProblem(String image) {
        String problem = check(image);
        if (problem == null
                && !"true"
                        .equalsIgnoreCase(TestcontainersConfiguration.getInstance()
                                .getEnvVarOrUserProperty("ryuk.disabled", "false"))) {
            String ryuk = TestcontainersConfiguration.getInstance().getRyukImage();
            String ryukProblem = check(ryuk);
            if (ryukProblem != null) {
                problem = "Testcontainers' reaper image " + ryuk + " " + ryukProblem;
            }
        }
        return problem;
    }

    private static String check(String image) {
        String answer = IMAGE_PROBLEMS.computeIfAbsent(image, TestcontainersDockerProbe::presentOrPulled);
        return answer.isEmpty() ? null : answer;
    }

    private static String presentOrPulled(String image) {
        DockerClient client;
        try {
            client = DockerClientProviderStrategy.getClientForConfig(
                    DockerClientFactory.instance().getTransportConfig());
        } catch (RuntimeException e) {
            return "cannot be checked: " + e.getMessage();
        }
        try {
            client.inspectImageCmd(image).exec();
            return OK;
        } catch (NotFoundException e) {
            // not present: try to pull it
        } catch (RuntimeException e) {
            return "cannot be inspected: " + e.getMessage();
        }
        DockerImageName name = DockerImageName.parse(image);
        try (PullImageResultCallback pull = client.pullImageCmd(name.getUnversionedPart())
                .withTag(name.getVersionPart())
                .exec(new PullImageResultCallback())) {
            if (!pull.awaitCompletion(PULL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                return "is not present and pulling it did not finish within " + PULL_TIMEOUT.toSeconds() + " s";
            }
            client.inspectImageCmd(image).exec();
            return OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "pull was interrupted";
        } catch (Exception e) {
            return "is not present and cannot be pulled: " + e.getMessage();
        }
    }
}
