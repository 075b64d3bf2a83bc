package dev.simclr.evaluator.loop;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.simclr.evaluation.EvaluationProtocol;
import dev.simclr.evaluation.FeatureExtraction;
import dev.simclr.evaluation.FeatureExtractor;
import dev.simclr.evaluation.FeatureMatrix;
import dev.simclr.evaluation.LabelFreeMeasures;
import dev.simclr.evaluation.ProtocolResult;
import dev.simclr.evaluation.data.EvalSet;

/**
 * Features of both splits of an eval set (extraction logs images/s and ETA).
 *
 * @param train train-split features
 * @param test test-split features
 * @param millis extraction wall time
 */
record SplitFeatures(FeatureMatrix train, FeatureMatrix test, long millis) {

    static SplitFeatures extract(FeatureExtractor extractor, EvalSet set, int batchSize, Device device) {
        long t0 = System.nanoTime();
        try (NDManager manager = NDManager.newBaseManager(device, EvaluationProtocol.ENGINE)) {
            FeatureMatrix train =
                    FeatureExtraction.extract(extractor, set.train(), batchSize, manager, set.name() + "/train");
            FeatureMatrix test =
                    FeatureExtraction.extract(extractor, set.test(), batchSize, manager, set.name() + "/test");
            return new SplitFeatures(train, test, (System.nanoTime() - t0) / 1_000_000);
        }
    }

    ProtocolResult run(EvaluationProtocol protocol, EvalSet set) {
        return run(protocol, set, null);
    }

    /** Runs the protocol; {@code sample} is the held-out sample of the metrics without labels, or null. */
    ProtocolResult run(EvaluationProtocol protocol, EvalSet set, LabelFreeMeasures.Sample sample) {
        return protocol.run(train, set.train().labels(), test, set.test().labels(), set.numClasses(), sample);
    }
}
