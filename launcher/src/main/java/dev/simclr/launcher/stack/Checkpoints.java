package dev.simclr.launcher.stack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.simclr.contracts.Json;
import dev.simclr.objectstore.ObjectInfo;
import dev.simclr.objectstore.ObjectNotFoundException;
import dev.simclr.objectstore.ObjectStore;
import dev.simclr.objectstore.S3Uri;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a run's checkpoints and reference lines from S3 (for status and the demo summary). */
public final class Checkpoints {

  private static final Pattern MANIFEST = Pattern.compile(".*/step-(\\d+)/manifest\\.json");

  private final ObjectStore store;
  private final String bucket;

  /** Reads from {@code bucket} with {@code store} (not closed here). */
  public Checkpoints(ObjectStore store, String bucket) {
    this.store = store;
    this.bucket = bucket;
  }

  /** The highest step of {@code run} with a {@code manifest.json} (a complete checkpoint set). */
  public OptionalLong latestStep(String run) {
    long best = -1;
    for (ObjectInfo o : store.list(new S3Uri(bucket, run + "/"))) {
      Matcher m = MANIFEST.matcher(o.uri().key());
      if (m.matches()) {
        best = Math.max(best, Long.parseLong(m.group(1)));
      }
    }
    return best < 0 ? OptionalLong.empty() : OptionalLong.of(best);
  }

  /** {@code s3://<bucket>/<run>/step-<n>/}. */
  public String checkpointUri(String run, long step) {
    return "s3://" + bucket + "/" + run + "/step-" + step + "/";
  }

  /**
   * The reference lines of {@code run} ({@code reference.json}, written by the evaluator): raw
   * pixels and random init, linear and kNN top-1.
   *
   * @param rawLinear raw pixels, linear probe
   * @param rawKnn raw pixels, kNN
   * @param randomLinear random-init encoder, linear probe
   * @param randomKnn random-init encoder, kNN
   * @param evalSet the eval set they were computed on
   */
  public record Reference(double rawLinear, double rawKnn, double randomLinear, double randomKnn, String evalSet) {
  }

  /** The run's reference lines, if the evaluator wrote them. */
  public Optional<Reference> reference(String run) {
    byte[] bytes;
    try {
      bytes = store.get(new S3Uri(bucket, run + "/reference.json"), 4 * 1024 * 1024);
    } catch (ObjectNotFoundException e) {
      return Optional.empty();
    }
    try {
      JsonNode root = Json.mapper().readTree(bytes);
      JsonNode entries = root.path("entries");
      if (!entries.isArray() || entries.isEmpty()) {
        return Optional.empty();
      }
      JsonNode e = entries.get(entries.size() - 1);
      return Optional.of(new Reference(e.path("rawPixels").path("linearTop1").asDouble(Double.NaN),
          e.path("rawPixels").path("knnTop1").asDouble(Double.NaN), e.path("randomInit").path("linearTop1").asDouble(Double.NaN),
          e.path("randomInit").path("knnTop1").asDouble(Double.NaN), e.path("evalSet").asText("")));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
