package dev.simclr.model.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.simclr.contracts.Json;
import dev.simclr.evaluation.EvaluationProtocol;
import dev.simclr.evaluation.ProtocolResult;
import dev.simclr.evaluation.data.EvalSet;
import dev.simclr.model.SimClrModel;
import dev.simclr.model.eval.EncoderFeatures;

/** Runs the fixed evaluation protocol (linear probe + kNN) on a model's encoder features. */
final class BenchEvaluation {

    private static final int FEATURE_BATCH = 256;

    private BenchEvaluation() {}

    /**
     * Evaluates {@code model} on {@code set}.
     *
     * @return accuracies, feature size, counts and timings as a JSON object
     */
    static ObjectNode evaluate(SimClrModel model, EvalSet set) {
        EvaluationProtocol protocol =
                EvaluationProtocol.builder().optDevice(model.device()).build();
        ProtocolResult r = protocol.evaluate(EncoderFeatures.of(model), set, FEATURE_BATCH);
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("evalSet", set.identity());
        o.put("protocol", EvaluationProtocol.VERSION);
        o.put("linearTop1", r.linearTop1());
        o.put("linearTop5", r.linearTop5());
        o.put("knnTop1", r.knnTop1());
        o.put("knnTop5", r.knnTop5());
        o.put("featureDim", r.featureDim());
        o.put("trainCount", r.trainCount());
        o.put("testCount", r.testCount());
        ObjectNode t = o.putObject("timingsMs");
        r.timingsMs().forEach(t::put);
        return o;
    }
}
