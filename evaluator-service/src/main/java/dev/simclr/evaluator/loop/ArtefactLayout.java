package dev.simclr.evaluator.loop;

import dev.simclr.contracts.CheckpointEvent;
import dev.simclr.contracts.DeadLetter;
import dev.simclr.contracts.RunLayout;
import dev.simclr.objectstore.S3Uri;
import java.util.Optional;

/**
 * Where the evaluator reads and writes, all in one bucket, with the names of {@link RunLayout} (checkpoint sets by the
 * trainer; {@code encoder.onnx}, {@code eval.json}, {@code embedding.json} per step and {@code reference.json} per run
 * by the evaluator), as {@link S3Uri}s of this bucket.
 */
public final class ArtefactLayout {

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
     * @throws EvaluationFailure UNSUPPORTED_URI for a non-S3 URI, REFUSED_URI for another bucket or a prefix other than
     *     {@code <run>/step-<step>/}
     */
    public S3Uri checkpoint(CheckpointEvent event) {
        String uri = event.checkpointUri();
        if (!uri.startsWith("s3://")) {
            throw new EvaluationFailure(
                    DeadLetter.Reason.UNSUPPORTED_URI,
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
            throw new EvaluationFailure(
                    DeadLetter.Reason.REFUSED_URI,
                    "checkpointUri " + uri + " does not match the " + "layout: expected " + expected + " for run "
                            + event.runId() + " step " + event.step());
        }
        return parsed;
    }

    /** {@code s3://<bucket>/<run>/}. */
    public S3Uri run(String runId) {
        return new S3Uri(bucket, RunLayout.run(runId));
    }

    /** {@code s3://<bucket>/<run>/step-<n>/}. */
    public S3Uri step(String runId, long step) {
        return new S3Uri(bucket, RunLayout.step(runId, step));
    }

    /** The exported encoder of a step. */
    public S3Uri onnx(String runId, long step) {
        return step(runId, step).resolve(RunLayout.ONNX);
    }

    /** The result marker of a step. */
    public S3Uri eval(String runId, long step) {
        return step(runId, step).resolve(RunLayout.EVAL);
    }

    /** The projection of a step. */
    public S3Uri embedding(String runId, long step) {
        return step(runId, step).resolve(RunLayout.EMBEDDING);
    }

    /** The baselines of a run. */
    public S3Uri reference(String runId) {
        return new S3Uri(bucket, RunLayout.reference(runId));
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
    public Optional<RunLayout.StepFile> parse(S3Uri uri) {
        return uri.bucket().equals(bucket) ? RunLayout.parse(uri.key()) : Optional.empty();
    }
}
