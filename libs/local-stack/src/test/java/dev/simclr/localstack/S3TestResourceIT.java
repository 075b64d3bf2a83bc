package dev.simclr.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3TestResourceIT {

  @Test
  void returnsTheAgreedKeysAndCreatesTheBucket() throws IOException {
    S3TestResource resource = new S3TestResource();
    resource.init(Map.of("bucket", "it-resource"));
    Map<String, String> config = resource.start();
    try {
      assertThat(config).containsOnlyKeys("simclr.s3.endpoint", "simclr.s3.access-key", "simclr.s3.secret-key",
          "simclr.s3.region", "simclr.s3.bucket");
      assertThat(config.get("simclr.s3.bucket")).isEqualTo("it-resource");
      assertThat(config.get("simclr.s3.region")).isEqualTo("us-east-1");
      assertThat(config.get("simclr.s3.access-key")).isNotBlank();
      assertThat(config.get("simclr.s3.secret-key")).isNotBlank().isNotEqualTo(config.get("simclr.s3.access-key"));
      HttpURLConnection c = (HttpURLConnection) URI.create(config.get("simclr.s3.endpoint") + "/").toURL()
          .openConnection();
      assertThat(c.getResponseCode()).isEqualTo(403);
    } finally {
      resource.stop();
    }
  }

  @Test
  void badBucketNameIsRefusedBeforeStarting() {
    assertThatThrownBy(() -> new S3TestResource().init(Map.of("bucket", "No")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid bucket name 'No'");
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
