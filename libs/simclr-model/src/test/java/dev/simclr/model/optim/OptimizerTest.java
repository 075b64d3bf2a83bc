package dev.simclr.model.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.training.GradientCollector;
import dev.simclr.model.engine.Torch;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One or two updates of tiny parameters against hand-computed values. */
class OptimizerTest {

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = Torch.engine().newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private Parameter param(String name, Parameter.Type type, float... values) {
        NDArray array = manager.create(values);
        array.setRequiresGradient(true);
        return Parameter.builder().setName(name).setType(type).optArray(array).build();
    }

    /** Backpropagates sum(w_k * c_k) so that each parameter's gradient is exactly its c. */
    private void backward(ParameterList params, Map<String, float[]> grads) {
        try (NDManager sub = manager.newSubManager();
                GradientCollector gc = Torch.engine().newGradientCollector()) {
            NDArray total = sub.zeros(new ai.djl.ndarray.types.Shape());
            for (var pair : params) {
                total = total.add(pair.getValue()
                        .getArray()
                        .mul(sub.create(grads.get(pair.getKey())))
                        .sum());
            }
            gc.backward(total);
        }
    }

    private static float[] values(ParameterList params, String name) {
        return params.get(name).getArray().toFloatArray();
    }

    @Test
    void sgdNesterovMatchesHandComputedSteps() {
        ParameterList params = new ParameterList();
        params.add("fc_weight", param("weight", Parameter.Type.WEIGHT, 1f, -2f));
        params.add("fc_bias", param("bias", Parameter.Type.BIAS, 0.5f));
        SgdNesterov sgd = SgdNesterov.builder()
                .setLearningRate(LrSchedule.constant(0.1))
                .optMomentum(0.9f)
                .optWeightDecays(0.01f)
                .build();
        sgd.bind(params);
        Map<String, float[]> grads = Map.of("fc_weight", new float[] {0.5f, 0.25f}, "fc_bias", new float[] {1f});

        backward(params, grads);
        sgd.step(params);
        // g = c + wd w = (0.51, 0.23); v = g; w -= lr (g + m v) = lr * 1.9 g
        assertThat(values(params, "fc_weight"))
                .containsExactly(new float[] {1 - 0.1f * 1.9f * 0.51f, -2 - 0.1f * 1.9f * 0.23f}, within(1e-6f));
        // bias: no weight decay; w -= lr * 1.9 * 1
        assertThat(values(params, "fc_bias")).containsExactly(new float[] {0.5f - 0.19f}, within(1e-6f));

        backward(params, grads);
        sgd.step(params);
        double w0 = 1 - 0.1 * 1.9 * 0.51;
        double w1 = -2 - 0.1 * 1.9 * 0.23;
        double g0 = 0.5 + 0.01 * w0;
        double g1 = 0.25 + 0.01 * w1;
        double v0 = 0.9 * 0.51 + g0;
        double v1 = 0.9 * 0.23 + g1;
        assertThat(values(params, "fc_weight"))
                .containsExactly(
                        new float[] {(float) (w0 - 0.1 * (g0 + 0.9 * v0)), (float) (w1 - 0.1 * (g1 + 0.9 * v1))},
                        within(1e-6f));
        assertThat(values(params, "fc_bias"))
                .containsExactly(new float[] {(float) (0.31 - 0.1 * (1 + 0.9 * 1.9))}, within(1e-6f));
        assertThat(sgd.stepCount()).isEqualTo(2);
        // gradients are zeroed by every update (PyTorch accumulates otherwise)
        assertThat(params.get("fc_weight").getArray().getGradient().toFloatArray())
                .containsOnly(0f);
    }

    @Test
    void larsScalesByTrustRatioAndSkipsBatchNormAndBias() {
        ParameterList params = new ParameterList();
        params.add("conv_weight", param("weight", Parameter.Type.WEIGHT, 3f, 4f));
        params.add("zero_weight", param("weight", Parameter.Type.WEIGHT, 0f, 0f));
        params.add("fc_bias", param("bias", Parameter.Type.BIAS, 2f));
        params.add("bn_gamma", param("gamma", Parameter.Type.GAMMA, 1f));
        Lars lars = Lars.builder()
                .setLearningRate(LrSchedule.constant(0.5))
                .optMomentum(0.9f)
                .optWeightDecays(0.1f)
                .optTrustCoefficient(0.001f)
                .build();
        lars.bind(params);
        assertThat(lars.isExcluded("fc_bias")).isTrue();
        assertThat(lars.isExcluded("bn_gamma")).isTrue();
        assertThat(lars.isExcluded("conv_weight")).isFalse();
        Map<String, float[]> grads = Map.of(
                "conv_weight",
                new float[] {0.6f, 0.8f},
                "zero_weight",
                new float[] {1f, 1f},
                "fc_bias",
                new float[] {1f},
                "bn_gamma",
                new float[] {-2f});

        backward(params, grads);
        lars.step(params);
        // g = (0.6, 0.8) + 0.1 (3, 4) = (0.9, 1.2), |g| = 1.5, |w| = 5, trust = 0.001 * 5 / 1.5
        double trust = 0.001 * 5 / 1.5;
        assertThat(values(params, "conv_weight"))
                .containsExactly(
                        new float[] {(float) (3 - 0.5 * trust * 0.9), (float) (4 - 0.5 * trust * 1.2)}, within(1e-7f));
        // |w| = 0: trust ratio 1
        assertThat(values(params, "zero_weight")).containsExactly(new float[] {-0.5f, -0.5f}, within(1e-7f));
        // BN and bias: plain momentum SGD, no decay, no adaptation
        assertThat(values(params, "fc_bias")).containsExactly(new float[] {1.5f}, within(1e-7f));
        assertThat(values(params, "bn_gamma")).containsExactly(new float[] {2f}, within(1e-7f));

        backward(params, grads);
        lars.step(params);
        // second step on the bias: v = 0.9 * 0.5 + 0.5 * 1 = 0.95
        assertThat(values(params, "fc_bias")).containsExactly(new float[] {1.5f - 0.95f}, within(1e-7f));
    }

    @Test
    void exclusionCanBeTurnedOffAndFallsBackToNames() {
        Parameter other = param("gamma", Parameter.Type.OTHER, 1f);
        assertThat(SimClrOptimizer.isBatchNormOrBias("head_bn_gamma", other)).isTrue();
        assertThat(SimClrOptimizer.isBatchNormOrBias("head_fc_weight", param("w", Parameter.Type.OTHER, 1f)))
                .isFalse();
        assertThat(SimClrOptimizer.isBatchNormOrBias("odd_name", param("b", Parameter.Type.BETA, 1f)))
                .isTrue();

        ParameterList params = new ParameterList();
        params.add("fc_bias", param("bias", Parameter.Type.BIAS, 2f));
        SgdNesterov sgd = SgdNesterov.builder()
                .setLearningRate(LrSchedule.constant(0.1))
                .optNesterov(false)
                .optWeightDecays(0.5f)
                .optExcludeBnAndBias(false)
                .build();
        sgd.bind(params);
        assertThat(sgd.isExcluded("fc_bias")).isFalse();
        backward(params, Map.of("fc_bias", new float[] {1f}));
        sgd.step(params);
        // plain momentum, decay applied: w -= 0.1 * (1 + 0.5 * 2)
        assertThat(values(params, "fc_bias")).containsExactly(new float[] {1.8f}, within(1e-6f));
    }

    @Test
    void stateRoundTripsIntoAFreshOptimizer() {
        ParameterList params = new ParameterList();
        params.add("conv_weight", param("weight", Parameter.Type.WEIGHT, 3f, 4f));
        params.add("fc_bias", param("bias", Parameter.Type.BIAS, 2f));
        LrSchedule schedule = LrSchedule.warmupCosine(1, 2, 10);
        Lars lars = Lars.builder().setLearningRate(schedule).build();
        lars.bind(params);
        backward(params, Map.of("conv_weight", new float[] {1f, 2f}, "fc_bias", new float[] {1f}));
        lars.step(params);
        byte[] saved = lars.saveState();

        Lars restored = Lars.builder().setLearningRate(schedule).build();
        restored.bind(params);
        restored.loadState(saved);
        assertThat(restored.stepCount()).isEqualTo(1);
        assertThat(restored.currentLearningRate()).isEqualTo(schedule.lr(1));
        assertThat(restored.saveState()).isEqualTo(saved);

        SgdNesterov sgd = SgdNesterov.builder().setLearningRate(schedule).build();
        sgd.bind(params);
        assertThatThrownBy(() -> sgd.loadState(saved))
                .hasMessage("optimizer state: saved by lars, cannot load into sgd-nesterov");
        assertThatThrownBy(() -> restored.loadState(new byte[] {1, 2, 3})).hasMessageContaining("optimizer state:");

        ParameterList other = new ParameterList();
        other.add("renamed_weight", param("weight", Parameter.Type.WEIGHT, 3f, 4f));
        Lars mismatched = Lars.builder().setLearningRate(schedule).build();
        mismatched.bind(other);
        assertThatThrownBy(() -> mismatched.loadState(saved)).hasMessageContaining("optimizer state:");
    }

    @Test
    void rejectsBadSettingsAndUnboundParameters() {
        assertThatThrownBy(() -> Lars.builder().build()).hasMessageContaining("learning-rate schedule is required");
        assertThatThrownBy(() -> SgdNesterov.builder()
                        .setLearningRate(LrSchedule.constant(1))
                        .optMomentum(1f)
                        .build())
                .hasMessageContaining("momentum must be in [0, 1)");
        assertThatThrownBy(() -> Lars.builder()
                        .setLearningRate(LrSchedule.constant(1))
                        .optTrustCoefficient(0)
                        .build())
                .hasMessageContaining("trust coefficient");
        Parameter p = param("weight", Parameter.Type.WEIGHT, 1f);
        Lars lars = Lars.builder().setLearningRate(LrSchedule.constant(1)).build();
        assertThatThrownBy(() -> lars.update(p.getId(), p.getArray(), p.getArray()))
                .hasMessageContaining("is not bound; call bind() first");
    }
}
