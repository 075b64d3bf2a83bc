package dev.simclr.evaluator.pipeline;

import dev.simclr.contracts.CheckpointEvent;
import dev.simclr.contracts.DeadLetter;
import dev.simclr.objectstore.S3Uri;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the evaluator reads and writes, all in one bucket:
 *
 * <pre>
 * s3://&lt;bucket&gt;/&lt;run&gt;/step-&lt;n&gt;/           the checkpoint set (written by the trainer)
 * s3://&lt;bucket&gt;/&lt;run&gt;/step-&lt;n&gt;/encoder.onnx
 * s3://&lt;bucket&gt;/&lt;run&gt;/step-&lt;n&gt;/eval.json       the published EvalResult (idempotency marker)
 * s3://&lt;bucket&gt;/&lt;run&gt;/step-&lt;n&gt;/embedding.json  2-D PCA of test features
 * s3://&lt;bucket&gt;/&lt;run&gt;/reference.json            raw-pixel and random-init baselines
 * </pre>
 */
public final class ArtefactLayout {

  /** The exported encoder. */
  public static final String ONNX = "encoder.onnx";
  /** The published result. */
  public static final String EVAL = "eval.json";
  /** The 2-D projection. */
  public static final String EMBEDDING = "embedding.json";
  /** The per-run baselines. */
  public static final String REFERENCE = "reference.json";

  private static final Pattern STEP_FILE = Pattern.compile("([^/]+)/step-(0|[1-9][0-9]{0,17})/([^/]+)");

  private final String bucket;

  /** The layout in {@code bucket}. */
  public ArtefactLayout(String bucket) {
    this.bucket = new S3Uri(bucket, "").bucket();
  }

  /** The bucket. */
  public String bucket() {
    return bucket;
  }

  /**
   * The checkpoint set of an event, checked against the layout.
   *
   * @throws EvaluationFailure UNSUPPORTED_URI for a non-S3 URI, REFUSED_URI for another bucket or
   *     a prefix other than {@code <run>/step-<step>/}
   */
  public S3Uri checkpoint(CheckpointEvent event) {
    String uri = event.checkpointUri();
    if (!uri.startsWith("s3://")) {
      throw new EvaluationFailure(DeadLetter.Reason.UNSUPPORTED_URI,
          "checkpointUri " + uri + " is not an s3:// URI (the evaluator reads checkpoints from S3 only)");
    }
    S3Uri parsed;
    try {
      parsed = S3Uri.parse(uri).asPrefix();
    } catch (IllegalArgumentException e) {
      throw new EvaluationFailure(DeadLetter.Reason.REFUSED_URI, "checkpointUri: " + e.getMessage(), e);
    }
    S3Uri expected = step(event.runId(), event.step());
    if (!parsed.equals(expected)) {
      throw new EvaluationFailure(DeadLetter.Reason.REFUSED_URI, "checkpointUri " + uri + " does not match the "
          + "layout: expected " + expected + " for run " + event.runId() + " step " + event.step());
    }
    return parsed;
  }

  /** {@code s3://<bucket>/<run>/}. */
  public S3Uri run(String runId) {
    return new S3Uri(bucket, runId + "/");
  }

  /** {@code s3://<bucket>/<run>/step-<n>/}. */
  public S3Uri step(String runId, long step) {
    return run(runId).resolve("step-" + step + "/");
  }

  /** The exported encoder of a step. */
  public S3Uri onnx(String runId, long step) {
    return step(runId, step).resolve(ONNX);
  }

  /** The result marker of a step. */
  public S3Uri eval(String runId, long step) {
    return step(runId, step).resolve(EVAL);
  }

  /** The projection of a step. */
  public S3Uri embedding(String runId, long step) {
    return step(runId, step).resolve(EMBEDDING);
  }

  /** The baselines of a run. */
  public S3Uri reference(String runId) {
    return run(runId).resolve(REFERENCE);
  }

  /** The bucket root (for listing). */
  public S3Uri root() {
    return new S3Uri(bucket, "");
  }

  /**
   * Recognises {@code <run>/step-<n>/<file>} keys in this bucket.
   *
   * @return run, step and file name, or empty for any other key
   */
  public Optional<StepFile> parse(S3Uri uri) {
    if (!uri.bucket().equals(bucket)) {
      return Optional.empty();
    }
    Matcher m = STEP_FILE.matcher(uri.key());
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new StepFile(m.group(1), Long.parseLong(m.group(2)), m.group(3)));
  }

  /**
   * A file directly inside a step prefix.
   *
   * @param runId the run
   * @param step the step
   * @param name the file name
   */
  public record StepFile(String runId, long step, String name) {}
}
