package dev.simclr.evaluation;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.simclr.evaluation.data.EvalSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fixed evaluation protocol, the same for every checkpoint: a linear probe on standardised features
 * ({@link ProbeConfig}) and a weighted kNN on cosine similarity ({@link KnnConfig}), fitted on the train split and
 * scored on the test split, and the metrics without labels on an optional held-out sample. What it reports is the
 * registered metrics ({@link MetricRegistry}, default {@link StandardMetrics}), each computed once per run. All heavy
 * math runs on DJL NDArrays (PyTorch engine) on the configured device; results are deterministic for a fixed seed on a
 * fixed machine and thread count. See {@code docs/evaluation.md}.
 *
 * <pre>{@code
 * EvaluationProtocol protocol = EvaluationProtocol.builder().optDevice(Device.cpu()).build();
 * ProtocolResult r = protocol.evaluate(extractor, evalSet, 256);
 * }</pre>
 */
public final class EvaluationProtocol {

    /** Identifies the protocol definition in provenance; bump when its semantics change. */
    public static final String VERSION = "simclr-eval-protocol/2";

    /** The DJL engine the protocol runs on. */
    public static final String ENGINE = "PyTorch";

    private static final Logger LOG = LoggerFactory.getLogger(EvaluationProtocol.class);

    private final ProbeConfig probe;
    private final KnnConfig knn;
    private final Device device;
    private final MetricRegistry metrics;

    private EvaluationProtocol(Builder b) {
        this.probe = b.probe;
        this.knn = b.knn;
        this.device = b.device;
        this.metrics = b.metrics;
    }

    /** A builder; every value is optional (defaults: the protocol's configs, CPU). */
    public static Builder builder() {
        return new Builder();
    }

    /** The protocol with its default hyper-parameters on the CPU. */
    public static EvaluationProtocol defaults() {
        return builder().build();
    }

    public ProbeConfig probe() {
        return probe;
    }

    public KnnConfig knn() {
        return knn;
    }

    public Device device() {
        return device;
    }

    /** The metrics it computes, in order. */
    public MetricRegistry metrics() {
        return metrics;
    }

    /**
     * Extracts features of both splits with {@code extractor} (batches of {@code batchSize}) and runs the protocol on
     * them; timings include {@code features}.
     *
     * @throws IllegalArgumentException when the eval set's images do not match the extractor's input
     */
    public ProtocolResult evaluate(FeatureExtractor extractor, EvalSet set, int batchSize) {
        long t0 = System.nanoTime();
        FeatureMatrix train;
        FeatureMatrix test;
        try (NDManager manager = NDManager.newBaseManager(device, ENGINE)) {
            train = FeatureExtraction.extract(extractor, set.train(), batchSize, manager, set.name() + "/train");
            test = FeatureExtraction.extract(extractor, set.test(), batchSize, manager, set.name() + "/test");
        }
        long featuresMs = (System.nanoTime() - t0) / 1_000_000;
        ProtocolResult r = run(train, set.train().labels(), test, set.test().labels(), set.numClasses());
        Map<String, Long> timings = new LinkedHashMap<>();
        timings.put("features", featuresMs);
        timings.putAll(r.timingsMs());
        timings.put("total", (System.nanoTime() - t0) / 1_000_000);
        return r.withTimings(timings);
    }

    /**
     * Runs the protocol on precomputed features, without a held-out sample (metrics without labels do not apply).
     *
     * @param numClasses number of classes, {@code >= 2}; every label must be below it
     * @throws IllegalArgumentException when shapes or labels disagree, or a feature is not finite
     */
    public ProtocolResult run(
            FeatureMatrix trainFeatures,
            int[] trainLabels,
            FeatureMatrix testFeatures,
            int[] testLabels,
            int numClasses) {
        return run(trainFeatures, trainLabels, testFeatures, testLabels, numClasses, null);
    }

    /**
     * Runs the protocol on precomputed features: computes every registered metric, in order, on a
     * {@link MetricContext}; a metric that does not apply is left out.
     *
     * @param numClasses number of classes, {@code >= 2}; every label must be below it
     * @param sample the held-out sample for the metrics without labels, or null
     * @throws IllegalArgumentException when shapes or labels disagree, or a feature is not finite
     * @throws IllegalStateException when a metric's value is not finite
     */
    public ProtocolResult run(
            FeatureMatrix trainFeatures,
            int[] trainLabels,
            FeatureMatrix testFeatures,
            int[] testLabels,
            int numClasses,
            LabelFreeMeasures.Sample sample) {
        ProtocolInputs.check(trainFeatures, trainLabels, testFeatures, testLabels, numClasses);
        long t0 = System.nanoTime();
        Map<String, Long> timings = new LinkedHashMap<>();
        try (NDManager m = NDManager.newBaseManager(device, ENGINE)) {
            NDArray train = matrix(m, trainFeatures);
            NDArray test = matrix(m, testFeatures);
            ProtocolInputs.checkFinite(train, "train");
            ProtocolInputs.checkFinite(test, "test");
            NDArray trainY = m.create(trainLabels).toType(DataType.INT64, false);
            NDArray testY = m.create(testLabels).toType(DataType.INT64, false);
            MetricContext context = new MetricContext(
                    this,
                    m,
                    new MetricContext.Split(trainFeatures, trainLabels, train, trainY),
                    new MetricContext.Split(testFeatures, testLabels, test, testY),
                    numClasses,
                    sample,
                    timings);

            Map<String, Double> values = new LinkedHashMap<>();
            for (EvaluationMetric metric : metrics.metrics()) {
                OptionalDouble v = metric.compute(context);
                if (v.isPresent()) {
                    if (!Double.isFinite(v.getAsDouble())) {
                        throw new IllegalStateException(
                                "metric '" + metric.name() + "' is not finite: " + v.getAsDouble());
                    }
                    values.put(metric.name(), v.getAsDouble());
                }
            }
            timings.put("total", (System.nanoTime() - t0) / 1_000_000);
            LabelFreeMeasures.Result labelFree = context.labelFreeIfMeasured();
            ProtocolResult r = new ProtocolResult(
                    values,
                    trainFeatures.dim(),
                    trainFeatures.rows(),
                    testFeatures.rows(),
                    numClasses,
                    context.probeFinalLoss(),
                    timings,
                    probe,
                    knn,
                    labelFree == null ? null : sample.name(),
                    labelFree == null ? null : labelFree.count());
            LOG.info(
                    "protocol: {} ({}-d, {} train, {} test, {} ms)",
                    describe(values),
                    r.featureDim(),
                    r.trainCount(),
                    r.testCount(),
                    timings.get("total"));
            return r;
        }
    }

    private String describe(Map<String, Double> values) {
        StringBuilder b = new StringBuilder();
        values.forEach((name, v) -> b.append(b.length() == 0 ? "" : ", ")
                .append(name)
                .append(' ')
                .append(String.format(Locale.ROOT, "%.4f", v)));
        return b.length() == 0 ? "no metric applied" : b.toString();
    }

    private static NDArray matrix(NDManager m, FeatureMatrix f) {
        return m.create(f.data(), new Shape(f.rows(), f.dim()));
    }

    /** Builds an {@link EvaluationProtocol}. */
    public static final class Builder {
        private ProbeConfig probe = ProbeConfig.DEFAULT;
        private KnnConfig knn = KnnConfig.DEFAULT;
        private Device device = Device.cpu();
        private MetricRegistry metrics = MetricRegistry.standard();

        private Builder() {}

        /** The linear probe's hyper-parameters (default {@link ProbeConfig#DEFAULT}). */
        public Builder optProbe(ProbeConfig probe) {
            this.probe = require(probe, "probe config");
            return this;
        }

        /** The kNN's hyper-parameters (default {@link KnnConfig#DEFAULT}). */
        public Builder optKnn(KnnConfig knn) {
            this.knn = require(knn, "knn config");
            return this;
        }

        /** Where the math runs (default CPU). */
        public Builder optDevice(Device device) {
            this.device = require(device, "device");
            return this;
        }

        /** The metrics to compute (default {@link MetricRegistry#standard()}). */
        public Builder optMetrics(MetricRegistry metrics) {
            this.metrics = require(metrics, "metric registry");
            return this;
        }

        public EvaluationProtocol build() {
            return new EvaluationProtocol(this);
        }

        private static <T> T require(T v, String what) {
            if (v == null) {
                throw new IllegalArgumentException(what + " must not be null");
            }
            return v;
        }
    }
}
