package dev.simclr.evaluator.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.simclr.contracts.Json;
import dev.simclr.contracts.ViewPair;
import dev.simclr.evaluator.dashboard.ViewImages;
import dev.simclr.evaluator.dashboard.ViewSampler;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.apache.kafka.common.KafkaException;

/**
 * {@code GET /api/samples?n=8}: the newest n view pairs of {@code simclr.views} (read_committed), as PNG data URLs:
 * {@code {"topic", "requested", "skipped", "pairs": [{"imageId", "epoch", "seed", "height", "width", "channels",
 * "partition", "offset", "timestamp", "view1", "view2"}]}}, newest first. A missing topic gives an empty list; a broker
 * that cannot be reached gives 503.
 */
@Path("/api/samples")
@Produces(MediaType.APPLICATION_JSON)
public class SamplesResource {

    /** Largest n accepted. */
    public static final int MAX_PAIRS = 32;

    @Inject
    DashboardService dashboard;

    @GET
    @Blocking
    public Response samples(@QueryParam("n") @DefaultValue("8") int n) {
        if (n < 1 || n > MAX_PAIRS) {
            return RunsResource.error(Response.Status.BAD_REQUEST, "n must be in [1, " + MAX_PAIRS + "], got " + n);
        }
        ViewSampler.Result result;
        try {
            result = dashboard.samples(n);
        } catch (KafkaException e) {
            return RunsResource.error(
                    Response.Status.SERVICE_UNAVAILABLE,
                    "cannot read " + dashboard.viewsTopic() + ": " + e.getMessage());
        }
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("topic", dashboard.viewsTopic());
        o.put("topicExists", result.topicExists());
        o.put("requested", n);
        o.put("skipped", result.skipped());
        ArrayNode pairs = o.putArray("pairs");
        for (ViewSampler.Sample s : result.samples()) {
            ViewPair p = s.pair();
            ObjectNode j = pairs.addObject();
            j.put("imageId", p.imageId());
            j.put("epoch", p.epoch());
            j.put("seed", p.seed());
            j.put("height", p.height());
            j.put("width", p.width());
            j.put("channels", p.channels());
            j.put("partition", s.partition());
            j.put("offset", s.offset());
            j.put("timestamp", s.timestamp().toString());
            j.put("view1", ViewImages.pngDataUrl(p.view1(), p.height(), p.width(), p.channels()));
            j.put("view2", ViewImages.pngDataUrl(p.view2(), p.height(), p.width(), p.channels()));
        }
        return Response.ok(o.toString()).build();
    }
}
