package dev.simclr.launcher.stack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.simclr.contracts.Json;
import dev.simclr.contracts.LegacyMetrics;
import dev.simclr.contracts.RunLayout;
import dev.simclr.objectstore.ObjectInfo;
import dev.simclr.objectstore.ObjectNotFoundException;
import dev.simclr.objectstore.ObjectStore;
import dev.simclr.objectstore.S3Uri;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Reads a run's checkpoints and reference lines from S3 (for status and the demo summary). */
public final class Checkpoints {

    private final ObjectStore store;
    private final String bucket;

    /** Reads from {@code bucket} with {@code store} (not closed here). */
    public Checkpoints(ObjectStore store, String bucket) {
        this.store = store;
        this.bucket = bucket;
    }

    /** The highest step of {@code run} with a manifest (a complete checkpoint set, {@link RunLayout}). */
    public OptionalLong latestStep(String run) {
        long best = -1;
        for (ObjectInfo o : store.list(new S3Uri(bucket, RunLayout.run(run)))) {
            Optional<RunLayout.StepFile> f = RunLayout.parse(o.uri().key());
            if (f.isPresent() && f.get().isManifest() && f.get().runId().equals(run)) {
                best = Math.max(best, f.get().step());
            }
        }
        return best < 0 ? OptionalLong.empty() : OptionalLong.of(best);
    }

    /** {@code s3://<bucket>/<run>/step-<n>/}. */
    public String checkpointUri(String run, long step) {
        return new S3Uri(bucket, RunLayout.step(run, step)).toString();
    }

    /**
     * The reference lines of {@code run} ({@code reference.json}, written by the evaluator): the metrics of raw pixels
     * and of a random-init encoder, by name.
     *
     * @param raw raw pixels, metric name to value
     * @param random random-init encoder, metric name to value
     * @param evalSet the eval set they were computed on
     */
    public record Reference(Map<String, Double> raw, Map<String, Double> random, String evalSet) {}

    /** The run's reference lines, if the evaluator wrote them. */
    public Optional<Reference> reference(String run) {
        byte[] bytes;
        try {
            bytes = store.get(new S3Uri(bucket, RunLayout.reference(run)), 4 * 1024 * 1024);
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
            return Optional.of(new Reference(
                    LegacyMetrics.read(e.path("rawPixels")),
                    LegacyMetrics.read(e.path("randomInit")),
                    e.path("evalSet").asText("")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
