package dev.simclr.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;
import java.util.Optional;

/**
 * What a metric is computed from during one {@link EvaluationProtocol} run: the train and test features with their
 * labels, the optional held-out sample without labels, and the protocol's shared stages, each run once when the first
 * metric asks for it (and timed: {@code standardize}, {@code linear}, {@code knn}, {@code labelFree}). Valid only while
 * the protocol computes metrics; not thread-safe.
 */
public final class MetricContext {

    private final EvaluationProtocol protocol;
    private final NDManager manager;
    private final FeatureMatrix trainFeatures;
    private final FeatureMatrix testFeatures;
    private final NDArray train;
    private final NDArray test;
    private final NDArray trainY;
    private final NDArray testY;
    private final int[] trainLabels;
    private final int[] testLabels;
    private final int numClasses;
    private final LabelFreeMeasures.Sample sample;
    private final Map<String, Long> timings;
    private LinearProbe.Outcome linear;
    private Accuracy knn;
    private LabelFreeMeasures.Result labelFree;

    MetricContext(
            EvaluationProtocol protocol,
            NDManager manager,
            Split trainSplit,
            Split testSplit,
            int numClasses,
            LabelFreeMeasures.Sample sample,
            Map<String, Long> timings) {
        this.protocol = protocol;
        this.manager = manager;
        this.trainFeatures = trainSplit.features;
        this.testFeatures = testSplit.features;
        this.train = trainSplit.x;
        this.test = testSplit.x;
        this.trainY = trainSplit.y;
        this.testY = testSplit.y;
        this.trainLabels = trainSplit.labels;
        this.testLabels = testSplit.labels;
        this.numClasses = numClasses;
        this.sample = sample;
        this.timings = timings;
    }

    /** One split on the protocol's manager: features, labels and their NDArrays. */
    record Split(FeatureMatrix features, int[] labels, NDArray x, NDArray y) {}

    public FeatureMatrix trainFeatures() {
        return trainFeatures;
    }

    public FeatureMatrix testFeatures() {
        return testFeatures;
    }

    /** Train labels (do not modify). */
    public int[] trainLabels() {
        return trainLabels;
    }

    /** Test labels (do not modify). */
    public int[] testLabels() {
        return testLabels;
    }

    public int numClasses() {
        return numClasses;
    }

    /** The held-out sample without labels, if the caller passed one. */
    public Optional<LabelFreeMeasures.Sample> labelFreeSample() {
        return Optional.ofNullable(sample);
    }

    /** The linear probe's accuracy on the test split (standardise and fit on first use). */
    public Accuracy linearProbe() {
        return linearOutcome().accuracy();
    }

    /** The kNN classifier's accuracy on the test split (run on first use). */
    public Accuracy knn() {
        if (knn == null) {
            long t = System.nanoTime();
            knn = KnnClassifier.run(train, trainY, test, testY, numClasses, protocol.knn(), manager);
            timings.put("knn", (System.nanoTime() - t) / 1_000_000);
        }
        return knn;
    }

    /** Alignment and uniformity of the held-out sample (measured on first use), if there is one. */
    public Optional<LabelFreeMeasures.Result> labelFree() {
        if (labelFree == null && sample != null) {
            long t = System.nanoTime();
            try (NDManager m = NDManager.newBaseManager(protocol.device(), EvaluationProtocol.ENGINE)) {
                labelFree = LabelFreeMeasures.measure(
                        sample.extractor(), sample.images(), sample.batchSize(), m, sample.name());
            }
            timings.put("labelFree", (System.nanoTime() - t) / 1_000_000);
        }
        return Optional.ofNullable(labelFree);
    }

    /** The label-free result if a metric measured it (no measuring here). */
    LabelFreeMeasures.Result labelFreeIfMeasured() {
        return labelFree;
    }

    /** The probe's final train objective, or null when no metric ran the probe. */
    Double probeFinalLoss() {
        return linear == null ? null : linear.finalLoss();
    }

    private LinearProbe.Outcome linearOutcome() {
        if (linear == null) {
            long t = System.nanoTime();
            Standardizer standardizer = Standardizer.fit(train, protocol.probe().stdEpsilon(), manager);
            NDArray trainStd = standardizer.apply(train);
            NDArray testStd = standardizer.apply(test);
            timings.put("standardize", (System.nanoTime() - t) / 1_000_000);

            t = System.nanoTime();
            linear = LinearProbe.run(trainStd, trainY, testStd, testY, numClasses, protocol.probe(), manager);
            timings.put("linear", (System.nanoTime() - t) / 1_000_000);
            trainStd.close();
            testStd.close();
        }
        return linear;
    }
}
