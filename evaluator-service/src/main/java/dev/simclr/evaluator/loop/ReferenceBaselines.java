package dev.simclr.evaluator.loop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.simclr.contracts.Json;
import dev.simclr.contracts.LegacyMetrics;
import dev.simclr.evaluation.EvaluationProtocol;
import dev.simclr.evaluation.MetricRegistry;
import dev.simclr.evaluation.ProtocolResult;
import dev.simclr.evaluation.RawPixels;
import dev.simclr.evaluator.config.EvaluatorSetup;
import dev.simclr.model.ModelConfig;
import dev.simclr.model.SimClrModel;
import dev.simclr.model.eval.EncoderFeatures;
import dev.simclr.objectstore.ObjectNotFoundException;
import dev.simclr.objectstore.S3Uri;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference lines of a run, once per (run, eval set), in {@code s3://<bucket>/<run>/reference.json}: the same
 * protocol on raw pixels ({@link RawPixels}, the model's input size) and on a random-init encoder (the run's
 * {@link ModelConfig}, a fixed seed). A trained encoder should beat both.
 *
 * <pre>{@code
 * {"runId": "...", "entries": [{"evalSet": "fashion-mnist", "evalSetIdentity": "...",
 *   "protocol": "simclr-eval-protocol/2", "rawPixels": {"linearTop1": ..., ..., "metrics": {...}},
 *   "randomInit": {..., "seed": 0},
 *   "createdAt": "..."}]}
 * }</pre>
 */
public final class ReferenceBaselines {

    private static final Logger LOG = LoggerFactory.getLogger(ReferenceBaselines.class);
    private static final long MAX_BYTES = 4L * 1024 * 1024;

    private final ArtefactLayout layout;
    private final ArtefactStore store;
    private final EvaluatorSetup setup;
    private final EvaluationProtocol protocol;
    private final Clock clock;

    /** Baselines of the standard metrics written with {@code layout} into {@code store}. */
    public ReferenceBaselines(ArtefactLayout layout, ArtefactStore store, EvaluatorSetup setup, Clock clock) {
        this(layout, store, setup, clock, MetricRegistry.standard());
    }

    /** Baselines of {@code metrics} (those that need labels apply) written with {@code layout} into {@code store}. */
    public ReferenceBaselines(
            ArtefactLayout layout, ArtefactStore store, EvaluatorSetup setup, Clock clock, MetricRegistry metrics) {
        this.layout = layout;
        this.store = store;
        this.setup = setup;
        this.protocol = EvaluationProtocol.builder()
                .optDevice(setup.device())
                .optMetrics(metrics)
                .build();
        this.clock = clock;
    }

    /**
     * Computes and stores the baselines of {@code runId} on {@code evalSet} unless present.
     *
     * @return true when they were computed now
     */
    public boolean ensure(String runId, ModelConfig config, LoadedEvalSet evalSet) {
        S3Uri uri = layout.reference(runId);
        ObjectNode doc = read(uri, runId);
        ArrayNode entries = (ArrayNode) doc.get("entries");
        for (JsonNode e : entries) {
            if (evalSet.label().equals(e.path("evalSet").asText())) {
                return false;
            }
        }
        long t0 = System.nanoTime();
        LOG.info(
                "computing reference baselines of run {} on {} (raw pixels, random-init {})",
                runId,
                evalSet.label(),
                config.arch().id());
        RawPixels raw = RawPixels.of(config.inputSize(), config.inputSize(), config.channels());
        ProtocolResult rawResult = SplitFeatures.extract(
                        raw, evalSet.set(), setup.config().batchSize(), setup.device())
                .run(protocol, evalSet.set());
        ProtocolResult randomResult;
        try (SimClrModel random =
                SimClrModel.create(config, setup.device(), setup.config().referenceSeed())) {
            randomResult = SplitFeatures.extract(
                            EncoderFeatures.of(random),
                            evalSet.set(),
                            setup.config().batchSize(),
                            setup.device())
                    .run(protocol, evalSet.set());
        }
        ObjectNode entry = entries.addObject();
        entry.put("evalSet", evalSet.label());
        entry.put("evalSetIdentity", evalSet.set().identity());
        entry.put("protocol", EvaluationProtocol.VERSION);
        entry.set("rawPixels", result(rawResult));
        ObjectNode randomInit = result(randomResult);
        randomInit.put("seed", setup.config().referenceSeed());
        randomInit.set("model", Json.mapper().valueToTree(config.toMap()));
        entry.set("randomInit", randomInit);
        entry.put("createdAt", clock.instant().toString());
        store.put(uri, Jsons.bytes(doc), "application/json");
        LOG.info(
                "reference baselines of run {} on {}: raw pixels {}, random init {} ({} s)",
                runId,
                evalSet.label(),
                fmt(rawResult.metrics()),
                fmt(randomResult.metrics()),
                String.format("%.1f", (System.nanoTime() - t0) / 1e9));
        return true;
    }

    /**
     * A reference.json as served to readers: every baseline ({@code rawPixels}, {@code randomInit}) gets its
     * {@code metrics} object, also when it was written before named metrics (from its legacy fields,
     * {@link LegacyMetrics#read}), so readers only ever iterate {@code metrics}. A document that does not parse is
     * returned as it is.
     */
    public static byte[] withNamedMetrics(byte[] doc) {
        JsonNode root;
        try {
            root = Jsons.parse(doc, "reference.json");
        } catch (RuntimeException e) {
            return doc; // served as stored; the next baseline rewrites it
        }
        for (JsonNode entry : root.path("entries")) {
            for (String baseline : new String[] {"rawPixels", "randomInit"}) {
                if (entry.get(baseline) instanceof ObjectNode o) {
                    ObjectNode metrics = Json.mapper().createObjectNode();
                    LegacyMetrics.read(o).forEach(metrics::put);
                    o.set("metrics", metrics);
                }
            }
        }
        return Jsons.bytes(root);
    }

    private ObjectNode read(S3Uri uri, String runId) {
        try {
            JsonNode node = Jsons.parse(store.get(uri, MAX_BYTES), uri.toString());
            if (node instanceof ObjectNode o && o.get("entries") instanceof ArrayNode) {
                return o;
            }
            LOG.warn("{} has an unexpected shape; rewriting it", uri);
        } catch (ObjectNotFoundException e) {
            // first baseline of the run
        } catch (RuntimeException e) {
            LOG.warn("{} cannot be read ({}); rewriting it", uri, e.getMessage());
        }
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("runId", runId);
        doc.putArray("entries");
        return doc;
    }

    /**
     * One baseline: the legacy fields of the metrics that have one (as before named metrics, for old readers), counts,
     * timings and {@code metrics} (every metric by name, read with {@link LegacyMetrics#read}).
     */
    static ObjectNode result(ProtocolResult r) {
        ObjectNode o = Json.mapper().createObjectNode();
        LegacyMetrics.FIELDS.forEach((name, field) -> {
            Double v = r.metrics().get(name);
            if (v != null) {
                o.put(field, v);
            }
        });
        o.put("featureDim", r.featureDim());
        o.put("trainCount", r.trainCount());
        o.put("testCount", r.testCount());
        o.set("timingsMs", Json.mapper().valueToTree(r.timingsMs()));
        ObjectNode metrics = o.putObject("metrics");
        r.metrics().forEach(metrics::put);
        return o;
    }

    private static String fmt(Map<String, Double> metrics) {
        StringBuilder b = new StringBuilder();
        metrics.forEach((name, v) -> b.append(b.length() == 0 ? "" : " ")
                .append(name)
                .append(' ')
                .append(String.format(Locale.ROOT, "%.4f", v)));
        return b.toString();
    }
}
