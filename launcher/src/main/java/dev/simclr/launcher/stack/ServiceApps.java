package dev.simclr.launcher.stack;

import dev.simclr.launcher.UserException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The packaged services of a repository checkout: {@code <module>/target/quarkus-app/quarkus-run.jar}.
 *
 * @param repoRoot the repository root
 */
public record ServiceApps(Path repoRoot) {

  /** The service names, in start order. */
  public static final List<String> NAMES = List.of("augmenter", "trainer", "evaluator");

  private static final String TRAINER_CONFIG = "dev/simclr/trainer/service/TrainerConfig.class";

  /** Made absolute. */
  public ServiceApps {
    repoRoot = repoRoot.toAbsolutePath().normalize();
  }

  /**
   * The checkout this launcher runs from: system property {@code simclr.home} (set by
   * {@code ./simclr}), else the working directory.
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

  /**
   * Whether the packaged trainer knows {@code simclr.trainer.time-budget} (its config interface has
   * a {@code timeBudget} method). A trainer without it needs {@code max-steps} to stop.
   */
  public boolean trainerSupportsTimeBudget() {
    Path lib = repoRoot.resolve("trainer-service/target/quarkus-app/app");
    if (!Files.isDirectory(lib)) {
      return false;
    }
    try (Stream<Path> jars = Files.list(lib)) {
      for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
          ZipEntry e = zip.getEntry(TRAINER_CONFIG);
          if (e != null) {
            try (InputStream in = zip.getInputStream(e)) {
              return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).contains("timeBudget");
            }
          }
        }
      }
    } catch (IOException e) {
      return false;
    }
    return false;
  }
}
