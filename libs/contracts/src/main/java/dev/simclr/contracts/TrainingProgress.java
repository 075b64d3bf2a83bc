package dev.simclr.contracts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A record of {@link Topics#PROGRESS} (key: run id): where a training run is, published by the trainer every few steps,
 * fire-and-forget, for dashboards and monitoring. Losing some is harmless; nothing downstream depends on them for
 * correctness.
 *
 * <p>JSON (compact, one line, fields in component order; a null {@code etaSeconds} is omitted); unknown fields are
 * ignored when reading. Build with {@link #builder()}.
 *
 * @param runId the training run (same rules as {@link CheckpointEvent#runId()})
 * @param step optimiser steps taken, {@code >= 0}
 * @param epoch passes over the dataset so far, {@code >= 0}
 * @param samplesSeen view pairs trained on in this lineage, {@code >= 0}
 * @param loss the training loss of the newest step, finite
 * @param lr the learning rate that step used, finite and {@code >= 0}
 * @param viewsPerSecond training throughput over the trainer's recent window (2 views per pair), finite and {@code >=
 *     0}
 * @param queueDepth sealed batches waiting for the training thread, {@code >= 0}
 * @param paused whether the trainer's input is paused (backpressure: the queue is full)
 * @param totalSteps the schedule length (the learning rate reaches 0 there), {@code >= 1}
 * @param etaSeconds estimated seconds until training stops, {@code >= 0}, or null when unknown
 * @param createdAt when the record was made
 */
public record TrainingProgress(
        String runId,
        long step,
        long epoch,
        long samplesSeen,
        double loss,
        double lr,
        double viewsPerSecond,
        int queueDepth,
        boolean paused,
        long totalSteps,
        Double etaSeconds,
        Instant createdAt) {

    static final String CTX = "training progress";

    /** Validates every component. */
    public TrainingProgress {
        Checks.runId(CTX, runId);
        Checks.nonNegative(CTX, "step", step);
        Checks.nonNegative(CTX, "epoch", epoch);
        Checks.nonNegative(CTX, "samplesSeen", samplesSeen);
        Checks.finite(CTX, "loss", loss);
        Checks.nonNegative(CTX, "lr", lr);
        Checks.nonNegative(CTX, "viewsPerSecond", viewsPerSecond);
        Checks.atLeast(CTX, "queueDepth", queueDepth, 0);
        if (totalSteps < 1) {
            throw Checks.fail(CTX, "totalSteps must be >= 1, got " + totalSteps);
        }
        if (etaSeconds != null) {
            Checks.nonNegative(CTX, "etaSeconds", (double) etaSeconds);
        }
        Checks.required(CTX, "createdAt", createdAt);
    }

    /** A builder; {@code setX} values are required, {@code optX} values optional. */
    public static TrainingProgressBuilder builder() {
        return new TrainingProgressBuilder();
    }

    /** Compact one-line JSON. */
    public String toJson() {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("runId", runId);
        o.put("step", step);
        o.put("epoch", epoch);
        o.put("samplesSeen", samplesSeen);
        o.put("loss", loss);
        o.put("lr", lr);
        o.put("viewsPerSecond", viewsPerSecond);
        o.put("queueDepth", queueDepth);
        o.put("paused", paused);
        o.put("totalSteps", totalSteps);
        if (etaSeconds != null) {
            o.put("etaSeconds", etaSeconds);
        }
        o.put("createdAt", createdAt.toString());
        return Json.compact(o);
    }

    /**
     * Parses a record value.
     *
     * @throws ContractException naming the missing or invalid field
     */
    public static TrainingProgress fromJson(String json) {
        return from(JsonFields.parse(CTX, json));
    }

    /**
     * Parses a record value (UTF-8 JSON).
     *
     * @throws ContractException naming the missing or invalid field
     */
    public static TrainingProgress fromJson(byte[] json) {
        return from(JsonFields.parse(CTX, json));
    }

    private static TrainingProgress from(JsonFields f) {
        return new TrainingProgress(
                f.text("runId"),
                f.longValue("step"),
                f.longValue("epoch"),
                f.longValue("samplesSeen"),
                f.doubleValue("loss"),
                f.doubleValue("lr"),
                f.doubleValue("viewsPerSecond"),
                f.intValue("queueDepth"),
                f.booleanValue("paused"),
                f.longValue("totalSteps"),
                f.optDouble("etaSeconds"),
                f.instant("createdAt"));
    }
}
