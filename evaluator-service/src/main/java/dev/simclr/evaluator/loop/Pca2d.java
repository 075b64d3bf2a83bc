package dev.simclr.evaluator.loop;

import java.util.SplittableRandom;

/**
 * The first two principal components of a small feature matrix, in plain Java: centre the columns, then orthogonal
 * (block power) iteration on the implicit covariance {@code X^T X} ({@code O(n * d)} per iteration, no {@code d x d}
 * matrix). Deterministic: fixed start vectors, each component's sign chosen so its largest-magnitude loading is
 * positive.
 */
public final class Pca2d {

    private static final int MAX_ITERATIONS = 500;
    private static final double TOLERANCE = 1e-10;

    private Pca2d() {}

    /**
     * The projection of {@code rows} onto two components.
     *
     * @param x row-major {@code rows x dim}
     * @return the coordinates and the fraction of the total variance each component explains
     */
    public static Projection project(float[] x, int rows, int dim) {
        if (rows < 2 || dim < 1 || x.length != (long) rows * dim) {
            throw new IllegalArgumentException(
                    "PCA needs >= 2 rows of " + dim + " values, got " + x.length + " values for " + rows + " rows");
        }
        double[] centred = new double[x.length];
        double[] mean = new double[dim];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < dim; c++) {
                mean[c] += x[r * dim + c];
            }
        }
        for (int c = 0; c < dim; c++) {
            mean[c] /= rows;
        }
        double total = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < dim; c++) {
                double v = x[r * dim + c] - mean[c];
                centred[r * dim + c] = v;
                total += v * v;
            }
        }
        int k = Math.min(2, dim);
        double[][] v = new double[k][dim];
        SplittableRandom rng = new SplittableRandom(42);
        for (double[] vec : v) {
            for (int c = 0; c < dim; c++) {
                vec[c] = rng.nextGaussian();
            }
        }
        orthonormalise(v);
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            double[][] next = new double[k][];
            for (int i = 0; i < k; i++) {
                next[i] = covarianceTimes(centred, rows, dim, v[i]);
            }
            orthonormalise(next);
            double change = 0;
            for (int i = 0; i < k; i++) {
                change = Math.max(change, 1 - Math.abs(dot(next[i], v[i])));
            }
            v = next;
            if (change < TOLERANCE) {
                break;
            }
        }
        for (double[] vec : v) {
            int arg = 0;
            for (int c = 1; c < dim; c++) {
                if (Math.abs(vec[c]) > Math.abs(vec[arg])) {
                    arg = c;
                }
            }
            if (vec[arg] < 0) {
                for (int c = 0; c < dim; c++) {
                    vec[c] = -vec[c];
                }
            }
        }
        float[] px = new float[rows];
        float[] py = new float[rows];
        double[] variance = new double[2];
        for (int r = 0; r < rows; r++) {
            double a = 0;
            double b = 0;
            for (int c = 0; c < dim; c++) {
                double value = centred[r * dim + c];
                a += value * v[0][c];
                if (k > 1) {
                    b += value * v[1][c];
                }
            }
            px[r] = (float) a;
            py[r] = (float) b;
            variance[0] += a * a;
            variance[1] += b * b;
        }
        double[] ratio = {total > 0 ? variance[0] / total : 0, total > 0 ? variance[1] / total : 0};
        return new Projection(px, py, ratio);
    }

    private static double[] covarianceTimes(double[] x, int rows, int dim, double[] v) {
        double[] out = new double[dim];
        for (int r = 0; r < rows; r++) {
            double s = 0;
            int base = r * dim;
            for (int c = 0; c < dim; c++) {
                s += x[base + c] * v[c];
            }
            for (int c = 0; c < dim; c++) {
                out[c] += x[base + c] * s;
            }
        }
        return out;
    }

    private static void orthonormalise(double[][] v) {
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < i; j++) {
                double d = dot(v[i], v[j]);
                for (int c = 0; c < v[i].length; c++) {
                    v[i][c] -= d * v[j][c];
                }
            }
            double norm = Math.sqrt(dot(v[i], v[i]));
            if (norm == 0) {
                // Degenerate data (rank < 2): any unit vector orthogonal to the previous ones will do.
                java.util.Arrays.fill(v[i], 0);
                v[i][Math.min(i, v[i].length - 1)] = 1;
                continue;
            }
            for (int c = 0; c < v[i].length; c++) {
                v[i][c] /= norm;
            }
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /**
     * Two coordinates per row.
     *
     * @param x first component
     * @param y second component (zeros for 1-D features)
     * @param explainedVarianceRatio fraction of the total variance of each component
     */
    public record Projection(float[] x, float[] y, double[] explainedVarianceRatio) {}
}
