package dev.simclr.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Paths of the repository under test (system property {@code simclr.repo.root}, set by the pom). */
final class Repo {

    /** The three services: module directory, HTTP port property file, and their name in manifests. */
    enum Service {
        AUGMENTER("augmenter-service", "augmenter"),
        TRAINER("trainer-service", "trainer"),
        EVALUATOR("evaluator-service", "evaluator");

        final String module;
        final String component;

        Service(String module, String component) {
            this.module = module;
            this.component = component;
        }

        /** The module directory (also the Docker build context). */
        Path dir() {
            return root().resolve(module);
        }

        /** {@code src/main/resources/application.properties}. */
        Path applicationProperties() {
            return dir().resolve("src/main/resources/application.properties");
        }

        /** The Dockerfiles of the service ({@code src/main/docker/Dockerfile.*}). */
        List<Path> dockerfiles() {
            Path docker = dir().resolve("src/main/docker");
            try (var files = Files.list(docker)) {
                return files.filter(p -> p.getFileName().toString().startsWith("Dockerfile"))
                        .sorted()
                        .toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + docker, e);
            }
        }

        /** The service whose Kubernetes component label or container name is {@code name}, if any. */
        static Service byComponent(String name) {
            for (Service s : values()) {
                if (s.component.equals(name) || s.module.equals(name)) {
                    return s;
                }
            }
            return null;
        }
    }

    private Repo() {}

    /** The repository root. */
    static Path root() {
        String root = System.getProperty("simclr.repo.root");
        if (root == null || root.isBlank()) {
            throw new IllegalStateException("system property simclr.repo.root is not set (the pom sets it;"
                    + " from an IDE pass -Dsimclr.repo.root=<repository root>)");
        }
        Path p = Path.of(root).toAbsolutePath().normalize();
        if (!Files.isRegularFile(p.resolve("pom.xml")) || !Files.isDirectory(p.resolve("deploy"))) {
            throw new IllegalStateException(
                    "simclr.repo.root=" + p + " is not the repository root (no pom.xml or deploy/)");
        }
        return p;
    }

    /** Reads a file as UTF-8. */
    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
