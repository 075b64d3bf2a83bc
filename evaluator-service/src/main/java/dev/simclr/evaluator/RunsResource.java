package dev.simclr.evaluator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.simclr.contracts.EvalResult;
import dev.simclr.contracts.Json;
import dev.simclr.evaluator.pipeline.ResultIndex;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Read API for the dashboard: runs, their results, reference lines and latest embedding, served
 * from the evaluator's artefacts in S3. Errors are JSON {@code {"error": "..."}} with 404.
 */
@Path("/api/runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunsResource {

  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  @Inject
  EvaluatorService service;

  /** {@code {"runs": [{"runId", "evaluations", "latestStep"}]}}, sorted by run id. */
  @GET
  public Response runs() {
    ObjectNode o = Json.mapper().createObjectNode();
    ArrayNode runs = o.putArray("runs");
    for (ResultIndex.RunSummary r : service.index().runs()) {
      ObjectNode run = runs.addObject();
      run.put("runId", r.runId());
      run.put("evaluations", r.evaluations());
      if (r.latestStep() == null) {
        run.putNull("latestStep");
      } else {
        run.put("latestStep", r.latestStep());
      }
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

  /** The run's reference.json. */
  @GET
  @Path("{run}/reference")
  public Response reference(@PathParam("run") String run) {
    Optional<byte[]> doc = valid(run) ? service.index().reference(run) : Optional.empty();
    return doc.map(bytes -> Response.ok(new String(bytes, StandardCharsets.UTF_8)).build())
        .orElseGet(() -> notFound("no reference lines for run '" + run + "' (they are computed after the run's first "
            + "evaluation, unless simclr.evaluator.references=false)"));
  }

  /** The embedding.json of the run's newest evaluated step. */
  @GET
  @Path("{run}/embedding")
  public Response embedding(@PathParam("run") String run) {
    Optional<byte[]> doc = valid(run) ? service.index().latestEmbedding(run) : Optional.empty();
    return doc.map(bytes -> Response.ok(new String(bytes, StandardCharsets.UTF_8)).build())
        .orElseGet(() -> notFound("no embedding for run '" + run + "' (one is written per evaluated checkpoint)"));
  }

  private static boolean valid(String run) {
    return run != null && RUN_ID.matcher(run).matches();
  }

  private static Response notFound(String message) {
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("error", message);
    return Response.status(Response.Status.NOT_FOUND).entity(o.toString()).type(MediaType.APPLICATION_JSON).build();
  }
}
