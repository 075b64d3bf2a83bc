package dev.simclr.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckpointManifestTest {

  private static final String SHA = "ab".repeat(32);

  private static CheckpointManifest sample() {
    return new CheckpointManifest(1, "run-1", 10, 2, 1280, Instant.parse("2026-01-02T03:04:05Z"),
        List.of(new CheckpointManifest.FileEntry("model.params", 42, SHA)),
        Map.of("simclr.views", Map.of(0, 17L, 1, 5L)), Map.of("seed", 7, "model", Map.of("depth", 18)));
  }

  @Test
  void jsonRoundTripKeepsEveryField() {
    CheckpointManifest m = sample();
    String json = m.toJson();
    assertThat(json).contains("\"createdAt\" : \"2026-01-02T03:04:05Z\"");
    CheckpointManifest back = CheckpointManifest.fromJson(json.getBytes(StandardCharsets.UTF_8));
    assertThat(back).isEqualTo(m);
    assertThat(back.toJson()).isEqualTo(json);
    assertThat(back.file("model.params")).hasValueSatisfying(f -> assertThat(f.size()).isEqualTo(42));
    assertThat(back.file("nope")).isEmpty();
  }

  @Test
  void missingRequiredFieldIsNamed() {
    String json = sample().toJson().replace("\"runId\"", "\"other\"");
    assertThatThrownBy(() -> CheckpointManifest.fromJson(json))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("runId");
  }

  @Test
  void badShaAndVersionAreRejected() {
    assertThatThrownBy(() -> new CheckpointManifest.FileEntry("x", 1, "zz"))
        .hasMessageContaining("sha256");
    String json = sample().toJson().replace("\"formatVersion\" : 1", "\"formatVersion\" : 2");
    assertThatThrownBy(() -> CheckpointManifest.fromJson(json)).hasMessageContaining("formatVersion 2");
  }
}
