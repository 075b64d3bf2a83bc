package dev.simclr.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class S3ProxyJarTest {

    @TempDir
    Path tmp;

    private Path touch(Path p) throws IOException {
        Files.createDirectories(p.getParent());
        return Files.write(p, new byte[] {1});
    }

    @Test
    void versionComesFromTheFilteredResource() {
        assertThat(S3ProxyJar.version()).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void systemPropertyWinsOverEnvironmentAndRepository() throws IOException {
        Path byProperty = touch(tmp.resolve("a/s3proxy.jar"));
        Path byEnv = touch(tmp.resolve("b/s3proxy.jar"));
        Path found = S3ProxyJar.locate(
                Map.of(S3ProxyJar.PROPERTY, byProperty.toString())::get,
                Map.of(S3ProxyJar.ENV, byEnv.toString())::get,
                tmp,
                "2.6.0");
        assertThat(found).isEqualTo(byProperty);
    }

    @Test
    void environmentIsUsedWithoutProperty() throws IOException {
        Path byEnv = touch(tmp.resolve("b/s3proxy.jar"));
        assertThat(S3ProxyJar.locate(k -> null, Map.of(S3ProxyJar.ENV, byEnv.toString())::get, tmp, "2.6.0"))
                .isEqualTo(byEnv);
    }

    @Test
    void mavenRepositoryIsTheFallback() throws IOException {
        Path home = tmp.resolve("home");
        Path jar = touch(home.resolve(".m2/repository/org/gaul/s3proxy/9.9.9/s3proxy-9.9.9-jar-with-dependencies.jar"));
        assertThat(S3ProxyJar.locate(k -> null, k -> null, home, "9.9.9")).isEqualTo(jar);

        Path repo = tmp.resolve("repo");
        Path inRepo = touch(repo.resolve("org/gaul/s3proxy/9.9.9/s3proxy-9.9.9-jar-with-dependencies.jar"));
        assertThat(S3ProxyJar.locate(Map.of("maven.repo.local", repo.toString())::get, k -> null, home, "9.9.9"))
                .isEqualTo(inRepo);
    }

    @Test
    void missingJarGivesAnActionableError() {
        assertThatThrownBy(() -> S3ProxyJar.locate(k -> null, k -> null, tmp, "9.9.9"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("s3proxy-9.9.9-jar-with-dependencies.jar")
                .hasMessageContaining(S3ProxyJar.ENV);
        assertThatThrownBy(() -> S3ProxyJar.locate(Map.of(S3ProxyJar.PROPERTY, "/nope.jar")::get, k -> null, tmp, "1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("system property " + S3ProxyJar.PROPERTY)
                .hasMessageContaining("/nope.jar");
    }
}
