package dev.simclr.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * Finds the s3proxy {@code jar-with-dependencies}: system property {@value #PROPERTY}, else environment variable
 * {@value #ENV}, else the local Maven repository ({@code maven.repo.local} or {@code ~/.m2/repository}) at the version
 * this module was built with.
 */
public final class S3ProxyJar {

    /** System property naming the jar. */
    public static final String PROPERTY = "simclr.s3proxy.jar";
    /** Environment variable naming the jar. */
    public static final String ENV = "SIMCLR_S3PROXY_JAR";

    private S3ProxyJar() {}

    /** Locates the jar from this JVM's system properties and environment. */
    public static Path locate() {
        return locate(System::getProperty, System::getenv, Path.of(System.getProperty("user.home")), version());
    }

    /** The s3proxy version recorded at build time from the root pom. */
    public static String version() {
        try (InputStream in = S3ProxyJar.class.getResourceAsStream("s3proxy-version.properties")) {
            if (in == null) {
                throw new IllegalStateException("s3proxy-version.properties is missing from local-stack's resources");
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("s3proxy.version", "");
            if (v.isBlank() || v.contains("${")) {
                throw new IllegalStateException(
                        "s3proxy-version.properties was not filtered at build time: '" + v + "'");
            }
            return v.trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read s3proxy-version.properties: " + e.getMessage(), e);
        }
    }

    static Path locate(UnaryOperator<String> properties, UnaryOperator<String> env, Path userHome, String version) {
        String fromProperty = properties.apply(PROPERTY);
        if (fromProperty != null && !fromProperty.isBlank()) {
            return requireFile(Path.of(fromProperty.trim()), "system property " + PROPERTY);
        }
        String fromEnv = env.apply(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return requireFile(Path.of(fromEnv.trim()), "environment variable " + ENV);
        }
        String repoProperty = properties.apply("maven.repo.local");
        Path repo = repoProperty != null && !repoProperty.isBlank()
                ? Path.of(repoProperty.trim())
                : userHome.resolve(".m2").resolve("repository");
        Path jar = repo.resolve("org/gaul/s3proxy")
                .resolve(version)
                .resolve("s3proxy-" + version + "-jar-with-dependencies.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("s3proxy jar not found: neither " + PROPERTY + " nor " + ENV
                    + " is set and " + jar + " does not exist; build libs/local-stack once"
                    + " (./mvnw -pl libs/local-stack -am verify) so Maven downloads it, or point " + ENV
                    + " at the jar");
        }
        return jar;
    }

    private static Path requireFile(Path jar, String source) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(source + " points to " + jar + ", which is not a file");
        }
        return jar;
    }
}
