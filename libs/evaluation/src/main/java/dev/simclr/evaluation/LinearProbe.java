package dev.simclr.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Multinomial logistic regression on standardised features, fitted full-batch by {@link Lbfgs} (see {@link ProbeConfig}
 * for the procedure). The objective and its closed-form gradient run as DJL array operations on the features' device;
 * no autograd, so probes may run concurrently with training in one JVM.
 */
final class LinearProbe {

    private static final Logger LOG = LoggerFactory.getLogger(LinearProbe.class);

    /** The outcome: test accuracy and the final train objective. */
    record Outcome(Accuracy accuracy, double finalLoss) {}

    private LinearProbe() {}

    /**
     * Fits on {@code (n, d)} standardised train features and scores the test features.
     *
     * @param trainLabels int64 {@code (n)}
     * @param testLabels int64 {@code (m)}
     */
    static Outcome run(
            NDArray train,
            NDArray trainLabels,
            NDArray test,
            NDArray testLabels,
            int classes,
            ProbeConfig cfg,
            NDManager manager) {
        try (NDManager m = manager.newSubManager()) {
            int d = Math.toIntExact(train.getShape().get(1));
            NDArray targets = Scopes.view(trainLabels, m).oneHot(classes).toType(DataType.FLOAT32, false);
            SoftmaxObjective objective = new SoftmaxObjective(train, targets, classes, cfg.l2(), m);
            long started = System.nanoTime();
            Lbfgs.Result fit = Lbfgs.minimize(objective, new double[(d + 1) * classes], cfg);
            if (!Double.isFinite(fit.value())) {
                throw new IllegalStateException(
                        "linear probe diverged: objective " + fit.value() + " (check the features for huge values)");
            }
            LOG.info(
                    "linear probe ({}x{}, {} classes): {} L-BFGS iterations, {} evaluations, "
                            + "objective {}, stopped by {}, {} ms",
                    train.getShape().get(0),
                    d,
                    classes,
                    fit.iterations(),
                    fit.evaluations(),
                    String.format("%.5f", fit.value()),
                    fit.stop(),
                    (System.nanoTime() - started) / 1_000_000);
            Accuracy accuracy;
            try (NDManager sm = m.newSubManager()) {
                NDArray[] wb = SoftmaxObjective.unpack(fit.x(), d, classes, sm);
                NDArray logits = Scopes.view(test, sm).matMul(wb[0]).add(wb[1]);
                long[] hits = TopKAccuracy.hits(logits, testLabels);
                accuracy = Accuracy.of(
                        hits[0], hits[1], Math.toIntExact(test.getShape().get(0)), classes);
            }
            return new Outcome(accuracy, fit.value());
        }
    }

    /** Mean cross-entropy of softmax(X·W + b) plus (l2 / 2)·‖W‖², with its gradient. */
    private static final class SoftmaxObjective implements Lbfgs.Objective {
        private final NDArray x;
        private final NDArray targets;
        private final int classes;
        private final double l2;
        private final NDManager manager;
        private final int n;
        private final int d;

        SoftmaxObjective(NDArray x, NDArray targets, int classes, double l2, NDManager manager) {
            this.x = x;
            this.targets = targets;
            this.classes = classes;
            this.l2 = l2;
            this.manager = manager;
            this.n = Math.toIntExact(x.getShape().get(0));
            this.d = Math.toIntExact(x.getShape().get(1));
        }

        @Override
        public double evaluate(double[] theta, double[] gradient) {
            try (NDManager sm = manager.newSubManager()) {
                NDArray[] wb = unpack(theta, d, classes, sm);
                NDArray logProb = Scopes.view(x, sm).matMul(wb[0]).add(wb[1]).logSoftmax(1);
                double crossEntropy = -logProb.mul(targets).sum().getFloat() / n;
                NDArray residual = logProb.exp().sub(targets).div((float) n);
                NDArray gradW = Scopes.view(x, sm).transpose().matMul(residual);
                NDArray gradB = residual.sum(new int[] {0});
                float[] gw = gradW.toFloatArray();
                float[] gb = gradB.toFloatArray();
                double penalty = 0;
                int weights = d * classes;
                for (int i = 0; i < weights; i++) {
                    penalty += theta[i] * theta[i];
                    gradient[i] = gw[i] + l2 * theta[i];
                }
                for (int c = 0; c < classes; c++) {
                    gradient[weights + c] = gb[c];
                }
                return crossEntropy + 0.5 * l2 * penalty;
            }
        }

        /** {W (d, classes), b (classes)} as float arrays in {@code manager}. */
        static NDArray[] unpack(double[] theta, int d, int classes, NDManager manager) {
            int weights = d * classes;
            float[] w = new float[weights];
            float[] b = new float[classes];
            for (int i = 0; i < weights; i++) {
                w[i] = (float) theta[i];
            }
            for (int c = 0; c < classes; c++) {
                b[c] = (float) theta[weights + c];
            }
            return new NDArray[] {manager.create(w, new Shape(d, classes)), manager.create(b)};
        }
    }
}
