package dev.simclr.evaluation;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.simclr.evaluation.data.EvalSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fixed evaluation protocol, the same for every checkpoint: a linear probe on standardised
 * features ({@link ProbeConfig}) and a weighted kNN on cosine similarity ({@link KnnConfig}),
 * fitted on the train split and scored on the test split. All heavy math runs on DJL NDArrays
 * (PyTorch engine) on the configured device; results are deterministic for a fixed seed on a fixed
 * machine and thread count. See {@code docs/evaluation.md}.
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

  private EvaluationProtocol(Builder b) {
    this.probe = b.probe;
    this.knn = b.knn;
    this.device = b.device;
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

  /**
   * Extracts features of both splits with {@code extractor} (batches of {@code batchSize}) and runs
   * the protocol on them; timings include {@code features}.
   *
   * @throws IllegalArgumentException when the eval set's images do not match the extractor's input
   */
  public ProtocolResult evaluate(FeatureExtractor extractor, EvalSet set, int batchSize) {
    long t0 = System.nanoTime();
    FeatureMatrix train;
    FeatureMatrix test;
    try (NDManager manager = NDManager.newBaseManager(device, ENGINE)) {
      train = FeatureExtraction.extract(extractor, set.train(), batchSize, manager,
          set.name() + "/train");
      test = FeatureExtraction.extract(extractor, set.test(), batchSize, manager,
          set.name() + "/test");
    }
    long featuresMs = (System.nanoTime() - t0) / 1_000_000;
    ProtocolResult r = run(train, set.train().labels(), test, set.test().labels(),
        set.numClasses());
    Map<String, Long> timings = new LinkedHashMap<>();
    timings.put("features", featuresMs);
    timings.putAll(r.timingsMs());
    timings.put("total", (System.nanoTime() - t0) / 1_000_000);
    return new ProtocolResult(r.linearTop1(), r.linearTop5(), r.knnTop1(), r.knnTop5(),
        r.featureDim(), r.trainCount(), r.testCount(), r.numClasses(), r.probeFinalLoss(),
        timings, probe, knn);
  }

  /**
   * Runs the protocol on precomputed features.
   *
   * @param numClasses number of classes, {@code >= 2}; every label must be below it
   * @throws IllegalArgumentException when shapes or labels disagree, or a feature is not finite
   */
  public ProtocolResult run(FeatureMatrix trainFeatures, int[] trainLabels,
      FeatureMatrix testFeatures, int[] testLabels, int numClasses) {
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

      long t = System.nanoTime();
      Standardizer standardizer = Standardizer.fit(train, probe.stdEpsilon(), m);
      NDArray trainStd = standardizer.apply(train);
      NDArray testStd = standardizer.apply(test);
      timings.put("standardize", (System.nanoTime() - t) / 1_000_000);

      t = System.nanoTime();
      LinearProbe.Outcome linear = LinearProbe.run(trainStd, trainY, testStd, testY, numClasses,
          probe, m);
      timings.put("linear", (System.nanoTime() - t) / 1_000_000);
      trainStd.close();
      testStd.close();

      t = System.nanoTime();
      Accuracy nn = KnnClassifier.run(train, trainY, test, testY, numClasses, knn, m);
      timings.put("knn", (System.nanoTime() - t) / 1_000_000);
      timings.put("total", (System.nanoTime() - t0) / 1_000_000);

      ProtocolResult r = new ProtocolResult(linear.accuracy().top1(), linear.accuracy().top5(),
          nn.top1(), nn.top5(), trainFeatures.dim(), trainFeatures.rows(), testFeatures.rows(),
          numClasses, linear.finalLoss(), timings, probe, knn);
      LOG.info("protocol: linear top1 {} top5 {}, knn top1 {} top5 {} ({}-d, {} train, {} test, "
          + "{} ms)", fmt(r.linearTop1()), fmt(r.linearTop5()), fmt(r.knnTop1()),
          fmt(r.knnTop5()), r.featureDim(), r.trainCount(), r.testCount(), timings.get("total"));
      return r;
    }
  }

  private static NDArray matrix(NDManager m, FeatureMatrix f) {
    return m.create(f.data(), new Shape(f.rows(), f.dim()));
  }

  private static String fmt(Double v) {
    return v == null ? "-" : String.format("%.4f", v);
  }

  /** Builds an {@link EvaluationProtocol}. */
  public static final class Builder {
    private ProbeConfig probe = ProbeConfig.DEFAULT;
    private KnnConfig knn = KnnConfig.DEFAULT;
    private Device device = Device.cpu();

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
