package dev.simclr.evaluation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hyper-parameters of the linear probe. The defaults are the protocol: multinomial logistic regression on features
 * standardised with the train split's mean and (unbiased) std + 1e-6, weights and bias starting at 0, objective = mean
 * cross-entropy + (l2 / 2)·‖W‖² (bias not penalised), minimised full-batch by L-BFGS (history 10, strong-Wolfe line
 * search) for at most 100 iterations. The solution is (close to) the unique optimum of a convex problem, so the probe
 * measures the features rather than an optimiser's progress, and it is deterministic: no random initialisation, no
 * shuffles. Change the values only for experiments: results are comparable only under equal configs.
 *
 * @param maxIterations L-BFGS iterations, {@code >= 1}
 * @param l2 L2 coefficient on the weights, {@code >= 0}
 * @param history L-BFGS memory (correction pairs kept), {@code >= 1}
 * @param gradientTolerance stop when the largest gradient entry is below this, {@code >= 0}
 * @param changeTolerance stop when the loss or the step changes less than this, {@code >= 0}
 * @param stdEpsilon added to the standard deviation before dividing, {@code >= 0}
 */
public record ProbeConfig(
        int maxIterations,
        double l2,
        int history,
        double gradientTolerance,
        double changeTolerance,
        double stdEpsilon) {

    /** The protocol's probe. */
    public static final ProbeConfig DEFAULT = builder().build();

    /** Validates ranges. */
    public ProbeConfig {
        check(maxIterations >= 1, "maxIterations must be >= 1, got " + maxIterations);
        check(l2 >= 0 && Double.isFinite(l2), "l2 must be >= 0, got " + l2);
        check(history >= 1, "history must be >= 1, got " + history);
        check(
                gradientTolerance >= 0 && Double.isFinite(gradientTolerance),
                "gradientTolerance must be >= 0, got " + gradientTolerance);
        check(
                changeTolerance >= 0 && Double.isFinite(changeTolerance),
                "changeTolerance must be >= 0, got " + changeTolerance);
        check(stdEpsilon >= 0 && Double.isFinite(stdEpsilon), "stdEpsilon must be >= 0, got " + stdEpsilon);
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
        m.put("model", "multinomial-logistic-regression");
        m.put("optimizer", "lbfgs-full-batch-strong-wolfe");
        m.put("maxIterations", maxIterations);
        m.put("l2", l2);
        m.put("history", history);
        m.put("gradientTolerance", gradientTolerance);
        m.put("changeTolerance", changeTolerance);
        m.put("init", "zeros");
        m.put("stdEpsilon", stdEpsilon);
        return m;
    }

    /** Builds a {@link ProbeConfig}; unset values keep the protocol defaults. */
    public static final class Builder {
        private int maxIterations = 100;
        private double l2 = 1e-4;
        private int history = 10;
        private double gradientTolerance = 1e-7;
        private double changeTolerance = 1e-9;
        private double stdEpsilon = 1e-6;

        private Builder() {}

        public Builder optMaxIterations(int maxIterations) {
            this.maxIterations = maxIterations;
            return this;
        }

        public Builder optL2(double l2) {
            this.l2 = l2;
            return this;
        }

        public Builder optHistory(int history) {
            this.history = history;
            return this;
        }

        public Builder optGradientTolerance(double gradientTolerance) {
            this.gradientTolerance = gradientTolerance;
            return this;
        }

        public Builder optChangeTolerance(double changeTolerance) {
            this.changeTolerance = changeTolerance;
            return this;
        }

        public Builder optStdEpsilon(double stdEpsilon) {
            this.stdEpsilon = stdEpsilon;
            return this;
        }

        public ProbeConfig build() {
            return new ProbeConfig(maxIterations, l2, history, gradientTolerance, changeTolerance, stdEpsilon);
        }
    }
}
