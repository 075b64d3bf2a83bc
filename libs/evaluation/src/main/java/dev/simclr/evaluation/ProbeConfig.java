package dev.simclr.evaluation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hyper-parameters of the linear probe. The defaults are the protocol (the Fashion-MNIST anchor's
 * {@code linear_probe}): 100 epochs of Adam (lr 1e-3, betas 0.9/0.999, eps 1e-8, L2 weight decay
 * 1e-5 on weight and bias), batch 1024 reshuffled every epoch, cosine annealing of the lr per epoch
 * to 0, features standardised with the train split's mean and (unbiased) std + 1e-6. Change them
 * only for experiments: results are comparable only under equal configs.
 *
 * @param epochs passes over the train split, {@code >= 1}
 * @param batchSize examples per step, {@code >= 1} (the last batch of an epoch may be smaller)
 * @param learningRate Adam's base learning rate, {@code > 0}
 * @param weightDecay L2 coefficient added to the gradient, {@code >= 0}
 * @param beta1 Adam's first-moment decay, in [0, 1)
 * @param beta2 Adam's second-moment decay, in [0, 1)
 * @param adamEpsilon Adam's epsilon, {@code > 0}
 * @param stdEpsilon added to the standard deviation before dividing, {@code >= 0}
 * @param seed seeds the weight initialisation and the shuffles
 */
public record ProbeConfig(int epochs, int batchSize, double learningRate, double weightDecay,
    double beta1, double beta2, double adamEpsilon, double stdEpsilon, long seed) {

  /** The protocol's probe. */
  public static final ProbeConfig DEFAULT = builder().build();

  /** Validates ranges. */
  public ProbeConfig {
    check(epochs >= 1, "epochs must be >= 1, got " + epochs);
    check(batchSize >= 1, "batchSize must be >= 1, got " + batchSize);
    check(learningRate > 0 && Double.isFinite(learningRate),
        "learningRate must be > 0, got " + learningRate);
    check(weightDecay >= 0 && Double.isFinite(weightDecay),
        "weightDecay must be >= 0, got " + weightDecay);
    check(beta1 >= 0 && beta1 < 1, "beta1 must be in [0, 1), got " + beta1);
    check(beta2 >= 0 && beta2 < 1, "beta2 must be in [0, 1), got " + beta2);
    check(adamEpsilon > 0, "adamEpsilon must be > 0, got " + adamEpsilon);
    check(stdEpsilon >= 0 && Double.isFinite(stdEpsilon),
        "stdEpsilon must be >= 0, got " + stdEpsilon);
  }

  private static void check(boolean ok, String reason) {
    if (!ok) {
      throw new IllegalArgumentException("probe config: " + reason);
    }
  }

  /** A builder starting from the defaults; every value is optional. */
  public static Builder builder() {
    return new Builder();
  }

  /** The values by name, for provenance. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("optimizer", "adam");
    m.put("epochs", epochs);
    m.put("batchSize", batchSize);
    m.put("learningRate", learningRate);
    m.put("schedule", "cosine-per-epoch");
    m.put("weightDecay", weightDecay);
    m.put("beta1", beta1);
    m.put("beta2", beta2);
    m.put("adamEpsilon", adamEpsilon);
    m.put("stdEpsilon", stdEpsilon);
    m.put("seed", seed);
    return m;
  }

  /** Builds a {@link ProbeConfig}; unset values keep the protocol defaults. */
  public static final class Builder {
    private int epochs = 100;
    private int batchSize = 1024;
    private double learningRate = 1e-3;
    private double weightDecay = 1e-5;
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double adamEpsilon = 1e-8;
    private double stdEpsilon = 1e-6;
    private long seed;

    private Builder() {}

    public Builder optEpochs(int epochs) {
      this.epochs = epochs;
      return this;
    }

    public Builder optBatchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    public Builder optLearningRate(double learningRate) {
      this.learningRate = learningRate;
      return this;
    }

    public Builder optWeightDecay(double weightDecay) {
      this.weightDecay = weightDecay;
      return this;
    }

    public Builder optBetas(double beta1, double beta2) {
      this.beta1 = beta1;
      this.beta2 = beta2;
      return this;
    }

    public Builder optAdamEpsilon(double adamEpsilon) {
      this.adamEpsilon = adamEpsilon;
      return this;
    }

    public Builder optStdEpsilon(double stdEpsilon) {
      this.stdEpsilon = stdEpsilon;
      return this;
    }

    public Builder optSeed(long seed) {
      this.seed = seed;
      return this;
    }

    public ProbeConfig build() {
      return new ProbeConfig(epochs, batchSize, learningRate, weightDecay, beta1, beta2,
          adamEpsilon, stdEpsilon, seed);
    }
  }
}
