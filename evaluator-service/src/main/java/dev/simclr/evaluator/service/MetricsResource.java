package dev.simclr.evaluator.service;

import dev.simclr.contracts.MetricDescription;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/metrics}: {@code {"metrics": [MetricDescription, ...]}}, the metrics this evaluator computes, in
 * order. The dashboard and the {@code simclr} CLI label, format, group and rank values with them (docs/contracts.md,
 * "Metric descriptions").
 */
@Path("/api/metrics")
@Produces(MediaType.APPLICATION_JSON)
public class MetricsResource {

    @Inject
    EvaluatorService service;

    @GET
    public String descriptions() {
        return MetricDescription.listToJson(service.metrics().descriptions());
    }
}
