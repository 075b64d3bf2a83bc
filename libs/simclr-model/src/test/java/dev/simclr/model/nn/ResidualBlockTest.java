package dev.simclr.model.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.simclr.model.engine.Torch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Autograd through a residual block (in-place add on the BN output) against finite differences. */
class ResidualBlockTest {

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = Torch.engine().newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void basicBlockGradientsMatchFiniteDifferences() {
        check(ResidualBlock.basic(2, 2, 1), new Shape(3, 2, 4, 4), "01main_01conv1_weight");
        check(ResidualBlock.basic(2, 4, 2), new Shape(3, 2, 4, 4), "02shortcut_01conv_weight");
    }

    @Test
    void bottleneckGradientsMatchFiniteDifferences() {
        check(ResidualBlock.bottleneck(3, 2, 2), new Shape(2, 3, 4, 4), "01main_07conv3_weight");
    }

    private void check(ResidualBlock block, Shape input, String parameterName) {
        block.initialize(manager, DataType.FLOAT64, input);
        TorchInit.apply(block, 3, false);
        ParameterStore store = new ParameterStore(manager, false);
        NDArray x = manager.randomNormal(input).toType(DataType.FLOAT64, false);
        Shape out = block.getOutputShapes(new Shape[] {input})[0];
        NDArray r = manager.randomNormal(out).toType(DataType.FLOAT64, false);
        Parameter p = block.getParameters().get(parameterName);
        NDArray w = p.getArray();
        w.setRequiresGradient(true);
        x.setRequiresGradient(true);
        try (GradientCollector gc = Torch.engine().newGradientCollector()) {
            gc.backward(block.forward(store, new NDList(x), true).head().mul(r).sum());
        }
        double[] analytic = w.getGradient().toDoubleArray();
        double[] inputGrad = x.getGradient().toDoubleArray();
        double h = 1e-6;
        for (int i = 0; i < Math.min(analytic.length, 12); i++) {
            assertThat(analytic[i])
                    .as("%s[%d]", parameterName, i)
                    .isCloseTo(numeric(block, store, x, r, w, i, h), within(1e-5));
        }
        for (int i = 0; i < 12; i++) {
            assertThat(inputGrad[i]).as("input[%d]", i).isCloseTo(numeric(block, store, x, r, x, i, h), within(1e-5));
        }
    }

    private static double numeric(
            ResidualBlock block, ParameterStore store, NDArray x, NDArray r, NDArray target, int index, double h) {
        double[] values = target.toDoubleArray();
        double saved = values[index];
        values[index] = saved + h;
        double up = loss(block, store, x, r, target, values);
        values[index] = saved - h;
        double down = loss(block, store, x, r, target, values);
        values[index] = saved;
        set(target, values);
        return (up - down) / (2 * h);
    }

    private static double loss(
            ResidualBlock block, ParameterStore store, NDArray x, NDArray r, NDArray target, double[] values) {
        set(target, values);
        return Torch.noGrad(() ->
                block.forward(store, new NDList(x), true).head().mul(r).sum().getDouble());
    }

    private static void set(NDArray array, double[] values) {
        Torch.noGrad(() -> {
            array.set(java.nio.DoubleBuffer.wrap(values));
            return null;
        });
    }
}
