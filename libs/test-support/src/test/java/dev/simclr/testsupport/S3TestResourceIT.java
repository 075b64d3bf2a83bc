package dev.simclr.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3TestResourceIT {

    @Test
    void returnsTheAgreedKeysAndCreatesTheBucket() throws Exception {
        S3TestResource resource = new S3TestResource();
        resource.init(Map.of("bucket", "it-resource"));
        Map<String, String> config = resource.start();
        try {
            assertThat(config)
                    .containsOnlyKeys(
                            "simclr.s3.endpoint",
                            "simclr.s3.access-key",
                            "simclr.s3.secret-key",
                            "simclr.s3.region",
                            "simclr.s3.bucket");
            assertThat(config.get("simclr.s3.bucket")).isEqualTo("it-resource");
            assertThat(config.get("simclr.s3.region")).isEqualTo("us-east-1");
            assertThat(config.get("simclr.s3.access-key")).isNotBlank();
            assertThat(config.get("simclr.s3.secret-key"))
                    .isNotBlank()
                    .isNotEqualTo(config.get("simclr.s3.access-key"));
            HttpURLConnection c = (HttpURLConnection)
                    URI.create(config.get("simclr.s3.endpoint") + "/").toURL().openConnection();
            assertThat(c.getResponseCode()).as("unsigned request").isEqualTo(403);
            // the returned config reaches the bucket through the S3 API (it was created as a directory after start)
            MinioClient client = MinioClient.builder()
                    .endpoint(config.get("simclr.s3.endpoint"))
                    .credentials(config.get("simclr.s3.access-key"), config.get("simclr.s3.secret-key"))
                    .region(config.get("simclr.s3.region"))
                    .build();
            assertThat(client.bucketExists(
                            BucketExistsArgs.builder().bucket("it-resource").build()))
                    .isTrue();
            assertThat(client.bucketExists(
                            BucketExistsArgs.builder().bucket("it-other").build()))
                    .isFalse();
            byte[] data = "hi".getBytes(StandardCharsets.UTF_8);
            client.putObject(PutObjectArgs.builder().bucket("it-resource").object("probe.txt").stream(
                            new ByteArrayInputStream(data), data.length, -1)
                    .build());
            try (InputStream in = client.getObject(GetObjectArgs.builder()
                    .bucket("it-resource")
                    .object("probe.txt")
                    .build())) {
                assertThat(in.readAllBytes()).isEqualTo(data);
            }
        } finally {
            resource.stop();
        }
    }

    @Test
    void badBucketNameIsRefusedBeforeStarting() {
        assertThatThrownBy(() -> new S3TestResource().init(Map.of("bucket", "No")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid bucket name 'No'");
    }

    @Test
    void kafkaResourceReturnsBootstrapServers() {
        KafkaTestResource resource = new KafkaTestResource();
        resource.init(Map.of("topics", "it.a:2, it.b"));
        Map<String, String> config = resource.start();
        try {
            assertThat(config).containsOnlyKeys("kafka.bootstrap.servers");
            assertThat(config.get("kafka.bootstrap.servers")).matches("127\\.0\\.0\\.1:\\d+");
        } finally {
            resource.stop();
        }
    }
}
