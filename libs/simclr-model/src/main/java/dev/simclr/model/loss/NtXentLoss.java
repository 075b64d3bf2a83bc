package dev.simclr.model.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;

/**
 * NT-Xent (normalised temperature-scaled cross-entropy), the SimCLR loss.
 *
 * <p>Input: projections of 2N views ordered {@code [view1 of pairs 0..N-1; view2 of pairs 0..N-1]}. Each row is
 * L2-normalised; logits are cosine similarities divided by the temperature; a view's similarity with itself is masked
 * with {@value #MASK}; the positive of row i is row (i + N) mod 2N; the result is the mean cross-entropy over all 2N
 * rows. Labels are not used.
 */
public final class NtXentLoss extends Loss {

    /** Added to self-similarity logits (large negative, finite so float64/32 stay NaN-free). */
    public static final double MASK = -1e9;

    private static final double NORM_EPS = 1e-12;

    private final double temperature;

    /**
     * Creates the loss.
     *
     * @param temperature the softmax temperature, &gt; 0 (SimCLR: 0.1 to 0.5)
     */
    public NtXentLoss(double temperature) {
        this("NtXentLoss", temperature);
    }

    /**
     * Creates the loss with a display name.
     *
     * @param name the name shown in DJL metrics
     * @param temperature the softmax temperature, &gt; 0
     */
    public NtXentLoss(String name, double temperature) {
        super(name);
        if (!(temperature > 0) || !Double.isFinite(temperature)) {
            throw new IllegalArgumentException("NT-Xent temperature must be finite and > 0, got " + temperature);
        }
        this.temperature = temperature;
    }

    /** Returns the temperature. */
    public double temperature() {
        return temperature;
    }

    /**
     * Returns the loss of the projections in {@code predictions} (labels are ignored and may be null or empty).
     *
     * @param labels unused
     * @param predictions a single array (2N, D)
     * @return the scalar loss
     */
    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        if (predictions == null || predictions.size() != 1) {
            throw new IllegalArgumentException("NT-Xent expects exactly one prediction array (2N, D)");
        }
        return evaluate(predictions.head());
    }

    /**
     * Returns the loss of projections {@code z} (2N, D); intermediates attach to z's manager.
     *
     * @param z projections, any floating type
     * @return the scalar loss, same type as z
     */
    public NDArray evaluate(NDArray z) {
        Shape s = z.getShape();
        if (s.dimension() != 2 || s.get(0) < 2 || s.get(0) % 2 != 0 || s.get(1) < 1) {
            throw new IllegalArgumentException("NT-Xent expects projections (2N, D) with N >= 1, got " + s);
        }
        int rows = Math.toIntExact(s.get(0));
        int n = rows / 2;
        NDManager manager = z.getManager();
        NDArray unit = z.div(z.norm(new int[] {1}, true).maximum(NORM_EPS));
        NDArray logits = unit.matMul(unit.transpose()).div(temperature);
        NDArray masked = logits.add(manager.eye(rows, rows, 0, z.getDataType()).mul(MASK));
        // [[0, I], [I, 0]]: PyTorch's eye has no diagonal offset, so assemble it from blocks.
        NDArray eye = manager.eye(n, n, 0, z.getDataType());
        NDArray zeros = manager.zeros(new Shape(n, n), z.getDataType());
        NDArray positives = NDArrays.concat(
                new NDList(NDArrays.concat(new NDList(zeros, eye), 1), NDArrays.concat(new NDList(eye, zeros), 1)), 0);
        return masked.logSoftmax(1).mul(positives).sum().div(-rows);
    }
}
