package dev.simclr.model.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.simclr.model.engine.Torch;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NtXentLossTest {

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = Torch.engine().newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /** Plain double NT-Xent: rows L2-normalised, self excluded, positive (i + N) mod 2N. */
    static double reference(double[][] z, double tau) {
        int rows = z.length;
        double[][] u = new double[rows][];
        for (int i = 0; i < rows; i++) {
            double norm = 0;
            for (double v : z[i]) {
                norm += v * v;
            }
            norm = Math.sqrt(norm);
            u[i] = new double[z[i].length];
            for (int k = 0; k < z[i].length; k++) {
                u[i][k] = z[i][k] / norm;
            }
        }
        double total = 0;
        for (int i = 0; i < rows; i++) {
            double sum = 0;
            double positive = 0;
            for (int j = 0; j < rows; j++) {
                if (j == i) {
                    continue;
                }
                double dot = 0;
                for (int k = 0; k < u[i].length; k++) {
                    dot += u[i][k] * u[j][k];
                }
                sum += Math.exp(dot / tau);
                if (j == (i + rows / 2) % rows) {
                    positive = dot / tau;
                }
            }
            total += Math.log(sum) - positive;
        }
        return total / rows;
    }

    private double loss(double[][] z, double tau, DataType type) {
        NDArray array = manager.create(flatten(z), new Shape(z.length, z[0].length));
        return new NtXentLoss(tau)
                .evaluate(array.toType(type, false))
                .toType(DataType.FLOAT64, false)
                .getDouble();
    }

    private static double[] flatten(double[][] z) {
        double[] flat = new double[z.length * z[0].length];
        for (int i = 0; i < z.length; i++) {
            System.arraycopy(z[i], 0, flat, i * z[0].length, z[0].length);
        }
        return flat;
    }

    private static double[][] random(int rows, int dim, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] z = new double[rows][dim];
        for (double[] row : z) {
            for (int k = 0; k < dim; k++) {
                row[k] = rng.nextGaussian();
            }
        }
        return z;
    }

    @Test
    void handComputedCase() {
        // e1, e2 repeated: each row's positive has cosine 1, both negatives cosine 0.
        double[][] z = {{1, 0}, {0, 1}, {1, 0}, {0, 1}};
        double expected = Math.log(1 + 2 / Math.E);
        assertThat(reference(z, 1.0)).isCloseTo(expected, within(1e-15));
        assertThat(loss(z, 1.0, DataType.FLOAT64)).isCloseTo(expected, within(1e-12));
        assertThat(loss(z, 1.0, DataType.FLOAT32)).isCloseTo(expected, within(1e-6));
        // tau = 0.5 doubles the logits: log(1 + 2 e^-2)
        assertThat(loss(z, 0.5, DataType.FLOAT64)).isCloseTo(Math.log(1 + 2 * Math.exp(-2)), within(1e-12));
    }

    @Test
    void matchesTheReferenceOnRandomProjections() {
        for (int n : new int[] {1, 3, 8}) {
            double[][] z = random(2 * n, 5, n);
            assertThat(loss(z, 0.2, DataType.FLOAT64)).as("N=%d", n).isCloseTo(reference(z, 0.2), within(1e-10));
            assertThat(loss(z, 0.2, DataType.FLOAT32)).as("N=%d", n).isCloseTo(reference(z, 0.2), within(1e-4));
        }
        // N = 1: the positive is the only candidate, so the loss is exactly 0
        assertThat(loss(random(2, 3, 9), 0.1, DataType.FLOAT64)).isCloseTo(0, within(1e-12));
    }

    @Test
    void symmetricInTheTwoViewsAndInvariantToScale() {
        double[][] z = random(8, 6, 11);
        double[][] swapped = new double[8][];
        double[][] scaled = new double[8][6];
        for (int i = 0; i < 8; i++) {
            swapped[i] = z[(i + 4) % 8];
            for (int k = 0; k < 6; k++) {
                scaled[i][k] = z[i][k] * (i + 1) * 3.5;
            }
        }
        double base = loss(z, 0.3, DataType.FLOAT64);
        assertThat(loss(swapped, 0.3, DataType.FLOAT64)).isCloseTo(base, within(1e-12));
        assertThat(loss(scaled, 0.3, DataType.FLOAT64)).isCloseTo(base, within(1e-12));
    }

    @Test
    void autogradMatchesFiniteDifferences() {
        double[][] z = random(6, 4, 5);
        double tau = 0.25;
        NDArray array = manager.create(flatten(z), new Shape(6, 4));
        array.setRequiresGradient(true);
        try (GradientCollector collector = Torch.engine().newGradientCollector()) {
            collector.backward(new NtXentLoss(tau).evaluate(new NDList(), new NDList(array)));
        }
        double[] grad = array.getGradient().toDoubleArray();
        double h = 1e-6;
        for (int i = 0; i < 6; i++) {
            for (int k = 0; k < 4; k++) {
                double saved = z[i][k];
                z[i][k] = saved + h;
                double up = reference(z, tau);
                z[i][k] = saved - h;
                double down = reference(z, tau);
                z[i][k] = saved;
                assertThat(grad[i * 4 + k]).as("d/dz[%d][%d]", i, k).isCloseTo((up - down) / (2 * h), within(1e-7));
            }
        }
    }

    @Test
    void rejectsBadInput() {
        NtXentLoss loss = new NtXentLoss(0.5);
        assertThatThrownBy(() -> loss.evaluate(manager.zeros(new Shape(3, 4))))
                .hasMessage("NT-Xent expects projections (2N, D) with N >= 1, got (3, 4)");
        assertThatThrownBy(() -> loss.evaluate(manager.zeros(new Shape(4)))).hasMessageContaining("(2N, D)");
        assertThatThrownBy(() -> loss.evaluate(new NDList(), new NDList()))
                .hasMessageContaining("exactly one prediction");
        assertThatThrownBy(() -> new NtXentLoss(0)).hasMessageContaining("temperature must be finite and > 0");
        assertThatThrownBy(() -> new NtXentLoss(Double.POSITIVE_INFINITY)).hasMessageContaining("temperature");
    }
}
