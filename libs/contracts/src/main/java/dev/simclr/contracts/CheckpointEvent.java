package dev.simclr.contracts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A record of {@link Topics#CHECKPOINTS} (key: run id): the trainer wrote a checkpoint set and its
 * {@code manifest.json}. Published only after the manifest exists.
 *
 * <p>JSON (compact, one line, fields in this order): {@code runId, step, epoch, samplesSeen, loss, checkpointUri,
 * manifestSha256, createdAt}; unknown fields are ignored when reading.
 *
 * @param runId the training run: 1..128 of {@code [A-Za-z0-9._-]}, starting with a letter/digit
 * @param step optimiser steps taken, {@code >= 0}
 * @param epoch passes over the dataset so far, {@code >= 0}
 * @param samplesSeen view pairs consumed, {@code >= 0}
 * @param loss the training loss at this step (e.g. a running mean), finite
 * @param checkpointUri the checkpoint set prefix, e.g. {@code s3://simclr/run-1/step-1000/}
 * @param manifestSha256 SHA-256 (64 lower-case hex) of the {@code manifest.json} bytes
 * @param createdAt when the checkpoint was written (ISO-8601 in JSON)
 */
public record CheckpointEvent(
        String runId,
        long step,
        long epoch,
        long samplesSeen,
        double loss,
        String checkpointUri,
        String manifestSha256,
        Instant createdAt) {

    private static final String CTX = "checkpoint event";

    /** Validates every component. */
    public CheckpointEvent {
        Checks.runId(CTX, runId);
        Checks.nonNegative(CTX, "step", step);
        Checks.nonNegative(CTX, "epoch", epoch);
        Checks.nonNegative(CTX, "samplesSeen", samplesSeen);
        Checks.finite(CTX, "loss", loss);
        Checks.uri(CTX, "checkpointUri", checkpointUri);
        Checks.sha256(CTX, "manifestSha256", manifestSha256);
        Checks.required(CTX, "createdAt", createdAt);
    }

    /** Compact one-line JSON. */
    public String toJson() {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("runId", runId);
        o.put("step", step);
        o.put("epoch", epoch);
        o.put("samplesSeen", samplesSeen);
        o.put("loss", loss);
        o.put("checkpointUri", checkpointUri);
        o.put("manifestSha256", manifestSha256);
        o.put("createdAt", createdAt.toString());
        return Json.compact(o);
    }

    /**
     * Parses a record value.
     *
     * @throws ContractException naming the missing or invalid field
     */
    public static CheckpointEvent fromJson(String json) {
        return from(JsonFields.parse(CTX, json));
    }

    /**
     * Parses a record value (UTF-8 JSON).
     *
     * @throws ContractException naming the missing or invalid field
     */
    public static CheckpointEvent fromJson(byte[] json) {
        return from(JsonFields.parse(CTX, json));
    }

    private static CheckpointEvent from(JsonFields f) {
        return new CheckpointEvent(
                f.text("runId"),
                f.longValue("step"),
                f.longValue("epoch"),
                f.longValue("samplesSeen"),
                f.doubleValue("loss"),
                f.text("checkpointUri"),
                f.text("manifestSha256"),
                f.instant("createdAt"));
    }
}
