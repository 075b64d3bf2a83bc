package dev.simclr.evaluator.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.simclr.contracts.EvalResult;
import dev.simclr.contracts.Json;
import dev.simclr.contracts.TrainingProgress;
import dev.simclr.evaluator.dashboard.ProgressHistory;
import dev.simclr.evaluator.dashboard.ProgressSeries;
import dev.simclr.evaluator.loop.ReferenceBaselines;
import dev.simclr.evaluator.loop.ResultIndex;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Read API for the dashboard: runs, their results, reference lines and latest embedding, served from the evaluator's
 * artefacts in S3, and training progress from memory. Errors are JSON {@code {"error": "..."}} with 404 (or 400 for a
 * bad parameter).
 */
@Path("/api/runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunsResource {

    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final int MAX_POINTS = 5000;

    @Inject
    EvaluatorService service;

    @Inject
    DashboardService dashboard;

    /**
     * {@code {"runs": [{"runId", "evaluations", "latestStep", "trainingStep", "lastActivity"}]}}, sorted by run id:
     * runs with results in the bucket, seen in checkpoint events, or with training progress in memory.
     * {@code trainingStep} is the newest progress step (null without progress), {@code lastActivity} the newest of the
     * latest progress record's and the latest result's time (null when neither exists), so a client can pick the most
     * recently active run.
     */
    @GET
    public Response runs() {
        Map<String, TrainingProgress> progress = dashboard.history().latest();
        Map<String, ObjectNode> byRun = new TreeMap<>();
        for (ResultIndex.RunSummary r : service.index().runs()) {
            ObjectNode run = Json.mapper().createObjectNode();
            run.put("runId", r.runId());
            run.put("evaluations", r.evaluations());
            if (r.latestStep() == null) {
                run.putNull("latestStep");
            } else {
                run.put("latestStep", r.latestStep());
            }
            byRun.put(r.runId(), run);
        }
        progress.keySet()
                .forEach(id -> byRun.computeIfAbsent(
                        id,
                        k -> Json.mapper()
                                .createObjectNode()
                                .put("runId", k)
                                .put("evaluations", 0)
                                .putNull("latestStep")));
        ObjectNode o = Json.mapper().createObjectNode();
        ArrayNode runs = o.putArray("runs");
        byRun.forEach((id, run) -> {
            TrainingProgress p = progress.get(id);
            Instant last = p == null ? null : p.createdAt();
            if (run.path("evaluations").asInt() > 0) {
                List<EvalResult> results = service.index().results(id);
                Instant evaluated = results.get(results.size() - 1).createdAt();
                last = last == null || evaluated.isAfter(last) ? evaluated : last;
            }
            if (p == null) {
                run.putNull("trainingStep");
            } else {
                run.put("trainingStep", p.step());
            }
            run.put("lastActivity", last == null ? null : last.toString());
            runs.add(run);
        });
        return Response.ok(o.toString()).build();
    }

    /**
     * The run's training progress for charts: {@code {"runId", "held", "returned", "latest": TrainingProgress, "step":
     * [...], "loss": [...], "viewsPerSecond": [...], "lr": [...], "samplesSeen": [...]}}, downsampled to at most
     * {@code max} points ({@link ProgressSeries}). 404 while no progress is held for the run.
     */
    @GET
    @Path("{run}/progress")
    public Response progress(@PathParam("run") String run, @QueryParam("max") @DefaultValue("1000") int max) {
        if (max < 2 || max > MAX_POINTS) {
            return error(Response.Status.BAD_REQUEST, "max must be in [2, " + MAX_POINTS + "], got " + max);
        }
        Optional<ProgressHistory.RunProgress> held =
                valid(run) ? dashboard.history().run(run) : Optional.empty();
        if (held.isEmpty()) {
            return notFound("no training progress for run '" + run + "' (the trainer publishes it on simclr.progress"
                    + " every few steps)");
        }
        ProgressSeries series = ProgressSeries.of(held.get().points(), max);
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("runId", run);
        o.put("held", held.get().points().size());
        o.put("returned", series.size());
        try {
            o.set("latest", Json.mapper().readTree(held.get().latest().toJson()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a TrainingProgress did not serialise to JSON", e);
        }
        ArrayNode step = o.putArray("step");
        ArrayNode loss = o.putArray("loss");
        ArrayNode rate = o.putArray("viewsPerSecond");
        ArrayNode lr = o.putArray("lr");
        ArrayNode samples = o.putArray("samplesSeen");
        for (int i = 0; i < series.size(); i++) {
            step.add(series.step()[i]);
            loss.add(series.loss()[i]);
            rate.add(series.viewsPerSecond()[i]);
            lr.add(series.lr()[i]);
            samples.add(series.samplesSeen()[i]);
        }
        return Response.ok(o.toString()).build();
    }

    /** The run's EvalResults as a JSON array, ordered by step. */
    @GET
    @Path("{run}/results")
    public Response results(@PathParam("run") String run) {
        if (!valid(run) || !service.index().known(run)) {
            return notFound("unknown run '" + run + "': no checkpoint event or result has been seen for it");
        }
        StringBuilder b = new StringBuilder("[");
        for (EvalResult r : service.index().results(run)) {
            b.append(b.length() > 1 ? "," : "").append(r.toJson());
        }
        return Response.ok(b.append(']').toString()).build();
    }

    /**
     * The run's reference.json, every baseline with its {@code metrics} ({@link ReferenceBaselines#withNamedMetrics}).
     */
    @GET
    @Path("{run}/reference")
    public Response reference(@PathParam("run") String run) {
        Optional<byte[]> doc = valid(run) ? service.index().reference(run) : Optional.empty();
        return doc.map(bytes -> Response.ok(
                                new String(ReferenceBaselines.withNamedMetrics(bytes), StandardCharsets.UTF_8))
                        .build())
                .orElseGet(() ->
                        notFound("no reference lines for run '" + run + "' (they are computed after the run's first "
                                + "evaluation, unless simclr.evaluator.references=false)"));
    }

    /** The embedding.json of the run's newest evaluated step. */
    @GET
    @Path("{run}/embedding")
    public Response embedding(@PathParam("run") String run) {
        Optional<byte[]> doc = valid(run) ? service.index().latestEmbedding(run) : Optional.empty();
        return doc.map(bytes ->
                        Response.ok(new String(bytes, StandardCharsets.UTF_8)).build())
                .orElseGet(
                        () -> notFound("no embedding for run '" + run + "' (one is written per evaluated checkpoint)"));
    }

    private static boolean valid(String run) {
        return run != null && RUN_ID.matcher(run).matches();
    }

    private static Response notFound(String message) {
        return error(Response.Status.NOT_FOUND, message);
    }

    static Response error(Response.Status status, String message) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("error", message);
        return Response.status(status)
                .entity(o.toString())
                .type(MediaType.APPLICATION_JSON)
                .build();
    }
}
