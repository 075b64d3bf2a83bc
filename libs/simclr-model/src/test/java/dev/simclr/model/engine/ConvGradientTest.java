package dev.simclr.model.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Convolution input gradients of a layer with 8 channels on two intra-op threads, against a plain Java reference. With
 * oneDNN's AVX-512 kernels (libtorch 2.7.1) every trial came out wrong or NaN on AVX-512 machines;
 * {@link Torch#engine()} caps oneDNN at AVX2 before the engine loads.
 */
class ConvGradientTest {

    private static final int N = 8;
    private static final int C = 8;
    private static final int S = 8;

    @Test
    void smallChannelConvolutionGradientsAreRightOnTwoThreads() {
        Engine engine = Torch.engine();
        assertThat(Torch.oneDnnIsa()).isNotNull();
        SplittableRandom rng = new SplittableRandom(11);
        float[] x = new float[N * C * S * S];
        float[] w = new float[C * C * 9];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) rng.nextGaussian();
        }
        float[] expected = referenceInputGradient(x, w);
        int threads = JniUtils.getNumThreads();
        JniUtils.setNumThreads(2);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), engine.getEngineName())) {
            for (int trial = 0; trial < 20; trial++) {
                try (NDManager m = manager.newSubManager()) {
                    NDArray xs = m.create(x, new Shape(N, C, S, S));
                    NDArray ws = m.create(w, new Shape(C, C, 3, 3));
                    xs.setRequiresGradient(true);
                    ws.setRequiresGradient(true);
                    try (GradientCollector gc = engine.newGradientCollector()) {
                        NDArray y = Conv2d.conv2d(xs, ws, null, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1)
                                .singletonOrThrow();
                        gc.backward(y.mul(y).sum());
                    }
                    float[] got = xs.getGradient().toFloatArray();
                    double max = 0;
                    for (int i = 0; i < got.length; i++) {
                        max = Math.max(max, Math.abs(got[i] - expected[i]) / (1 + Math.abs(expected[i])));
                    }
                    assertThat(max)
                            .as(
                                    "trial %d: largest relative error of the input gradient (oneDNN ISA cap %s)",
                                    trial, Torch.oneDnnIsa())
                            .isLessThan(1e-4);
                }
            }
        } finally {
            JniUtils.setNumThreads(threads);
        }
    }

    /** d(sum(y^2))/dx for y = conv2d(x, w), 3x3, stride 1, padding 1, no bias, in double precision. */
    private static float[] referenceInputGradient(float[] x, float[] w) {
        double[] y = new double[N * C * S * S];
        for (int n = 0; n < N; n++) {
            for (int o = 0; o < C; o++) {
                for (int i = 0; i < S; i++) {
                    for (int j = 0; j < S; j++) {
                        double sum = 0;
                        for (int c = 0; c < C; c++) {
                            for (int ki = 0; ki < 3; ki++) {
                                for (int kj = 0; kj < 3; kj++) {
                                    int ii = i + ki - 1;
                                    int jj = j + kj - 1;
                                    if (ii >= 0 && ii < S && jj >= 0 && jj < S) {
                                        sum += x[((n * C + c) * S + ii) * S + jj] * w[((o * C + c) * 3 + ki) * 3 + kj];
                                    }
                                }
                            }
                        }
                        y[((n * C + o) * S + i) * S + j] = sum;
                    }
                }
            }
        }
        float[] g = new float[x.length];
        for (int n = 0; n < N; n++) {
            for (int o = 0; o < C; o++) {
                for (int i = 0; i < S; i++) {
                    for (int j = 0; j < S; j++) {
                        double dy = 2 * y[((n * C + o) * S + i) * S + j];
                        for (int c = 0; c < C; c++) {
                            for (int ki = 0; ki < 3; ki++) {
                                for (int kj = 0; kj < 3; kj++) {
                                    int ii = i + ki - 1;
                                    int jj = j + kj - 1;
                                    if (ii >= 0 && ii < S && jj >= 0 && jj < S) {
                                        g[((n * C + c) * S + ii) * S + jj] +=
                                                (float) (dy * w[((o * C + c) * 3 + ki) * 3 + kj]);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return g;
    }
}
