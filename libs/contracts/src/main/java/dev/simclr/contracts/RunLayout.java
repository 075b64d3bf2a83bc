package dev.simclr.contracts;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The object layout of a run in the checkpoint bucket: the one place that names its keys. The trainer writes checkpoint
 * sets and the lease, the evaluator reads the sets and writes its artefacts beside them, the launcher lists and reads
 * both, and the S3 rights of each service (deploy/validation) are checked against these names.
 *
 * <pre>
 * &lt;run&gt;/LEASE                       the trainer's run lease (one trainer per run)
 * &lt;run&gt;/step-&lt;n&gt;/&lt;file&gt;...          a checkpoint set's files (written first)
 * &lt;run&gt;/step-&lt;n&gt;/manifest.json       its manifest (written last: a set without one is incomplete)
 * &lt;run&gt;/step-&lt;n&gt;/encoder.onnx        the evaluator's ONNX export of the step
 * &lt;run&gt;/step-&lt;n&gt;/eval.json           the published EvalResult (the evaluator's idempotency marker)
 * &lt;run&gt;/step-&lt;n&gt;/embedding.json      2-D PCA of the step's test features
 * &lt;run&gt;/reference.json              raw-pixel and random-init baselines of the run
 * </pre>
 *
 * <p>Keys are relative to the bucket; {@code step} is a decimal without leading zeros.
 */
public final class RunLayout {

    /** The manifest of a checkpoint set. */
    public static final String MANIFEST = "manifest.json";
    /** The trainer's run lease, directly under the run. */
    public static final String LEASE = "LEASE";
    /** The evaluator's exported encoder of a step. */
    public static final String ONNX = "encoder.onnx";
    /** The evaluator's published result of a step. */
    public static final String EVAL = "eval.json";
    /** The evaluator's 2-D projection of a step. */
    public static final String EMBEDDING = "embedding.json";
    /** The evaluator's per-run baselines, directly under the run. */
    public static final String REFERENCE = "reference.json";

    private static final String STEP_PREFIX = "step-";
    private static final String STEP_NUMBER = "(0|[1-9][0-9]{0,17})";
    private static final Pattern STEP_DIR = Pattern.compile(STEP_PREFIX + STEP_NUMBER);
    private static final Pattern STEP_FILE = Pattern.compile("([^/]+)/" + STEP_PREFIX + STEP_NUMBER + "/([^/]+)");

    private RunLayout() {}

    /** {@code <run>/}. */
    public static String run(String runId) {
        return runId + "/";
    }

    /**
     * The name of a step's directory under its run, {@code step-<n>}.
     *
     * @throws IllegalArgumentException for a negative step
     */
    public static String stepDir(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
        return STEP_PREFIX + step;
    }

    /** {@code <run>/step-<n>/}. */
    public static String step(String runId, long step) {
        return run(runId) + stepDir(step) + "/";
    }

    /** {@code <run>/step-<n>/<file>}. */
    public static String stepFile(String runId, long step, String file) {
        return step(runId, step) + file;
    }

    /** {@code <run>/step-<n>/manifest.json}. */
    public static String manifest(String runId, long step) {
        return stepFile(runId, step, MANIFEST);
    }

    /** {@code <run>/LEASE}. */
    public static String lease(String runId) {
        return run(runId) + LEASE;
    }

    /** {@code <run>/reference.json}. */
    public static String reference(String runId) {
        return run(runId) + REFERENCE;
    }

    /** The step of a directory name {@code step-<n>}, or empty for any other name. */
    public static OptionalLong stepOfDir(String name) {
        Matcher m = STEP_DIR.matcher(name);
        return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    /**
     * A file directly inside a step's directory.
     *
     * @param runId the run
     * @param step the step
     * @param name the file name
     */
    public record StepFile(String runId, long step, String name) {

        /** Whether this is a checkpoint set's manifest (the set is complete). */
        public boolean isManifest() {
            return MANIFEST.equals(name);
        }
    }

    /** Recognises a key {@code <run>/step-<n>/<file>}; empty for any other key. */
    public static Optional<StepFile> parse(String key) {
        Matcher m = STEP_FILE.matcher(key);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new StepFile(m.group(1), Long.parseLong(m.group(2)), m.group(3)));
    }
}
