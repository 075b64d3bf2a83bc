package dev.simclr.evaluation;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import dev.simclr.evaluation.data.ProgressLog;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Multinomial logistic regression on standardised features, trained with DJL autograd and DJL's
 * Adam (see {@link ProbeConfig} for the procedure). Deterministic for a fixed seed on a fixed
 * machine and thread count: the initialisation and the shuffles come from a seeded Java RNG.
 */
final class LinearProbe {

  /** DJL's PyTorch engine allows one gradient collector per JVM at a time. */
  private static final ReentrantLock TRAINING = new ReentrantLock();
  private static final Logger LOG = LoggerFactory.getLogger(LinearProbe.class);

  /** The outcome: test accuracy and the mean train loss of the last epoch. */
  record Outcome(Accuracy accuracy, double finalLoss) {}

  private LinearProbe() {}

  /**
   * Trains on {@code (n, d)} standardised train features and scores the test features.
   *
   * @param trainLabels int64 {@code (n)}
   * @param testLabels int64 {@code (m)}
   */
  static Outcome run(NDArray train, NDArray trainLabels, NDArray test, NDArray testLabels,
      int classes, ProbeConfig cfg, NDManager manager) {
    TRAINING.lock();
    try (NDManager m = manager.newSubManager()) {
      int n = Math.toIntExact(train.getShape().get(0));
      int d = Math.toIntExact(train.getShape().get(1));
      SplittableRandom rng = new SplittableRandom(cfg.seed());
      // nn.Linear's default init: U(-1/sqrt(d), 1/sqrt(d)) for weight and bias.
      double bound = 1 / Math.sqrt(d);
      NDArray weight = m.create(uniform(rng, d * classes, bound), new Shape(d, classes));
      NDArray bias = m.create(uniform(rng, classes, bound), new Shape(classes));
      weight.setRequiresGradient(true);
      bias.setRequiresGradient(true);
      NDArray targets = Scopes.view(trainLabels, m).oneHot(classes);
      int stepsPerEpoch = (n + cfg.batchSize() - 1) / cfg.batchSize();
      Optimizer adam = Optimizer.adam()
          .optLearningRateTracker(
              new EpochCosineTracker(cfg.learningRate(), stepsPerEpoch, cfg.epochs()))
          .optBeta1((float) cfg.beta1())
          .optBeta2((float) cfg.beta2())
          .optEpsilon((float) cfg.adamEpsilon())
          .optWeightDecays((float) cfg.weightDecay())
          .build();
      ProgressLog progress = new ProgressLog(LOG, "linear probe (" + n + "x" + d + ", "
          + classes + " classes)", "epochs", cfg.epochs(), 10);
      double lossSum = 0;
      for (int epoch = 0; epoch < cfg.epochs(); epoch++) {
        lossSum = 0;
        long[] order = permutation(n, rng);
        for (int start = 0; start < n; start += cfg.batchSize()) {
          int end = Math.min(n, start + cfg.batchSize());
          long[] rows = Arrays.copyOfRange(order, start, end);
          lossSum += step(train, targets, rows, weight, bias, adam, m) * rows.length;
        }
        double mean = lossSum / n;
        if (!Double.isFinite(mean)) {
          throw new IllegalStateException("linear probe diverged: mean loss " + mean
              + " in epoch " + (epoch + 1) + " (check the features for huge values)");
        }
        progress.update(epoch + 1, String.format(", loss %.4f", mean));
      }
      Accuracy accuracy;
      try (NDManager sm = m.newSubManager()) {
        NDArray logits = Scopes.view(test, sm).matMul(weight).add(bias);
        long[] hits = TopKAccuracy.hits(logits, testLabels);
        accuracy = Accuracy.of(hits[0], hits[1], Math.toIntExact(test.getShape().get(0)),
            classes);
      }
      return new Outcome(accuracy, lossSum / n);
    } finally {
      TRAINING.unlock();
    }
  }

  private static float step(NDArray train, NDArray targets, long[] rows, NDArray weight,
      NDArray bias, Optimizer adam, NDManager parent) {
    try (NDManager sm = parent.newSubManager()) {
      NDIndex batch = new NDIndex("{}", sm.create(rows));
      NDArray xb = train.get(sm, batch);
      NDArray yb = targets.get(sm, batch);
      float loss;
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray l = xb.matMul(weight).add(bias).logSoftmax(1).mul(yb).sum()
            .div((float) -rows.length);
        collector.backward(l);
        loss = l.getFloat();
      }
      try (NDArray g = weight.getGradient()) {
        adam.update("weight", weight, g);
      }
      try (NDArray g = bias.getGradient()) {
        adam.update("bias", bias, g);
      }
      return loss;
    }
  }

  private static float[] uniform(SplittableRandom rng, int count, double bound) {
    float[] v = new float[count];
    for (int i = 0; i < count; i++) {
      v[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
    }
    return v;
  }

  private static long[] permutation(int n, SplittableRandom rng) {
    long[] p = new long[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      long t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}
