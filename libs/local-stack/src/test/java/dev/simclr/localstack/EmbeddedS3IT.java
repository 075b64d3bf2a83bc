package dev.simclr.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedS3IT {

    @Test
    void startsAnswersAndStopsWithoutLeftovers(@TempDir Path dir) throws Exception {
        long pid;
        String endpoint;
        try (EmbeddedS3 s3 = EmbeddedS3.builder()
                .optDataDir(dir)
                .optAccessKey("it-access")
                .optSecretKey("it-secret-1")
                .start()) {
            pid = s3.pid();
            endpoint = s3.endpoint();
            assertThat(endpoint).startsWith("http://127.0.0.1:");
            assertThat(s3.accessKey()).isEqualTo("it-access");
            assertThat(s3.secretKey()).isEqualTo("it-secret-1");
            assertThat(s3.region()).isEqualTo("us-east-1");
            // an unsigned request is refused by the S3 protocol layer: the server is up and checks credentials
            assertThat(status(endpoint + "/")).isEqualTo(403);
            s3.createBucket("it-bucket");
            assertThat(s3.bucketsDir().resolve("it-bucket")).isDirectory();
            assertThat(dir.resolve("s3proxy.log")).isRegularFile();
            assertThat(Files.readString(dir.resolve("s3proxy.properties")))
                    .contains("s3proxy.endpoint=" + endpoint.replace(":", "\\:"))
                    .contains("jclouds.provider=filesystem");
            assertThatThrownBy(() -> s3.createBucket("Bad_Name")).hasMessageContaining("invalid bucket name");
        }
        Optional<ProcessHandle> child = ProcessHandle.of(pid);
        assertThat(child.map(ProcessHandle::isAlive).orElse(false))
                .as("s3proxy process after close")
                .isFalse();
        assertThatThrownBy(() -> status(endpoint + "/")).isInstanceOf(IOException.class);
        assertThat(dir.resolve("buckets/it-bucket"))
                .as("a given data dir is kept")
                .isDirectory();
    }

    @Test
    void aKilledServerStartsAgainOnItsPortWithItsBuckets(@TempDir Path dir) throws Exception {
        String endpoint;
        try (EmbeddedS3 first = EmbeddedS3.builder().optDataDir(dir).start()) {
            endpoint = first.endpoint();
            first.createBucket("kept");
            ProcessHandle.of(first.pid()).orElseThrow().destroyForcibly();
            ProcessHandle.of(first.pid()).ifPresent(h -> h.onExit().join());
            assertThatThrownBy(() -> status(endpoint + "/")).isInstanceOf(IOException.class);
        }
        int port = URI.create(endpoint).getPort();
        try (EmbeddedS3 second =
                EmbeddedS3.builder().optDataDir(dir).optPort(port).start()) {
            assertThat(second.endpoint()).isEqualTo(endpoint);
            assertThat(status(endpoint + "/")).isEqualTo(403);
            assertThat(second.bucketsDir().resolve("kept")).isDirectory();
        }
        assertThatThrownBy(() -> EmbeddedS3.builder().optPort(70000))
                .hasMessage("port must be in [0, 65535], got 70000");
    }

    @Test
    void killAndRestartKeepEndpointCredentialsAndData(@TempDir Path dir) throws Exception {
        try (EmbeddedS3 s3 = EmbeddedS3.builder().optDataDir(dir).start()) {
            String endpoint = s3.endpoint();
            long firstPid = s3.pid();
            s3.createBucket("it-bucket");
            Files.writeString(s3.bucketsDir().resolve("it-bucket/kept.txt"), "kept");
            s3.kill();
            assertThat(s3.isRunning()).isFalse();
            assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false))
                    .isFalse();
            assertThatThrownBy(() -> status(endpoint + "/")).isInstanceOf(IOException.class);
            s3.restart();
            assertThat(s3.isRunning()).isTrue();
            assertThat(s3.pid()).isNotEqualTo(firstPid);
            assertThat(s3.endpoint()).isEqualTo(endpoint);
            assertThat(status(endpoint + "/"))
                    .as("answers (and checks credentials) again")
                    .isEqualTo(403);
            assertThat(s3.bucketsDir().resolve("it-bucket/kept.txt")).hasContent("kept");
        }
    }

    @Test
    void tempDataDirIsDeletedOnClose() {
        Path dir;
        try (EmbeddedS3 s3 = EmbeddedS3.start(null)) {
            dir = s3.dataDir();
            assertThat(dir).isDirectory();
        }
        assertThat(dir).doesNotExist();
    }

    @Test
    void failedStartShowsTheChildOutput(@TempDir Path dir) throws IOException {
        Path notAJar = Files.writeString(dir.resolve("empty.jar"), "not a jar");
        assertThatThrownBy(() -> EmbeddedS3.builder()
                        .optDataDir(dir.resolve("data"))
                        .optJar(notAJar)
                        .optStartTimeout(Duration.ofSeconds(30))
                        .start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("s3proxy exited before answering")
                .hasMessageContaining("org.gaul.s3proxy.Main");
    }

    private static int status(String url) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setConnectTimeout(1000);
        c.setReadTimeout(2000);
        try {
            return c.getResponseCode();
        } finally {
            c.disconnect();
        }
    }
}
