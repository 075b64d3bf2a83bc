package dev.simclr.launcher.stack;

import dev.simclr.launcher.UserException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The packaged services of a repository checkout: {@code <module>/target/quarkus-app/quarkus-run.jar}.
 *
 * @param repoRoot the repository root
 */
public record ServiceApps(Path repoRoot) {

    /** The service names, in start order. */
    public static final List<String> NAMES = List.of("augmenter", "trainer", "evaluator");

    /** Made absolute. */
    public ServiceApps {
        repoRoot = repoRoot.toAbsolutePath().normalize();
    }

    /**
     * The checkout this launcher runs from: system property {@code simclr.home} (set by {@code ./simclr}), else the
     * working directory.
     */
    public static ServiceApps locate() {
        String home = System.getProperty("simclr.home");
        return new ServiceApps(Path.of(home != null ? home : ""));
    }

    /** {@code <repo>/<name>-service/target/quarkus-app/quarkus-run.jar}. */
    public Path appJar(String name) {
        return repoRoot.resolve(name + "-service").resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** Fails with a clear message when a service is not packaged. */
    public ServiceApps requirePackaged() {
        for (String n : NAMES) {
            if (!Files.isRegularFile(appJar(n))) {
                throw new UserException(appJar(n) + " is missing: build the services first (./simclr builds them,"
                        + " or run ./mvnw -B -DskipTests package)");
            }
        }
        return this;
    }
}
