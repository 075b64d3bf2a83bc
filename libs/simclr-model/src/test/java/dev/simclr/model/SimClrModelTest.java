package dev.simclr.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class SimClrModelTest {

    static ModelConfig tiny() {
        return ModelConfig.builder()
                .setChannels(1)
                .setInputSize(8)
                .optWidth(0.125)
                .optProjectionDim(16)
                .build();
    }

    private static float[] runningMean(SimClrModel model) {
        return model.network()
                .getParameters()
                .get("01encoder_01stem_02bn_runningMean")
                .getArray()
                .toFloatArray();
    }

    @Test
    void embedIsInferenceModeAndProjectTrains() {
        try (SimClrModel model = SimClrModel.create(tiny(), Device.cpu(), 3);
                NDManager m = model.manager().newSubManager()) {
            assertThat(model.config().featureDim()).isEqualTo(64);
            assertThat(model.parameterCount() - model.encoderParameterCount())
                    .isEqualTo(64 * 64 + 64 + 2 * 64 + 64 * 16 + 16);
            NDArray x = m.randomNormal(new Shape(6, 1, 8, 8));
            float[] before = runningMean(model);
            NDArray f1 = model.embed(x);
            NDArray f2 = model.embed(x);
            assertThat(f1.getShape()).isEqualTo(new Shape(6, 64));
            assertThat(f1.hasGradient()).isFalse();
            assertThat(f1.toFloatArray()).containsExactly(f2.toFloatArray());
            assertThat(runningMean(model)).containsExactly(before);

            NDArray z = model.project(x);
            assertThat(z.getShape()).isEqualTo(new Shape(6, 16));
            assertThat(runningMean(model)).isNotEqualTo(before);
        }
    }

    @Test
    void parametersRoundTripIntoAFreshModel() {
        try (SimClrModel a = SimClrModel.create(tiny(), Device.cpu(), 1);
                SimClrModel b = SimClrModel.create(tiny(), Device.cpu(), 2);
                NDManager m = a.manager().newSubManager()) {
            NDArray x = m.randomUniform(0, 1, new Shape(4, 1, 8, 8));
            a.project(x); // move BN statistics away from their initial values
            float[] expected = a.embed(x).toFloatArray();
            assertThat(b.embed(x).toFloatArray()).isNotEqualTo(expected);
            b.loadParameters(a.saveParameters());
            assertThat(b.embed(x).toFloatArray()).containsExactly(expected);
        }
    }

    @Test
    void rejectsForeignParametersAndBadInputs() {
        ModelConfig wider = ModelConfig.builder()
                .setChannels(1)
                .setInputSize(8)
                .optWidth(0.25)
                .build();
        try (SimClrModel a = SimClrModel.create(tiny(), Device.cpu(), 1);
                SimClrModel b = SimClrModel.create(wider, Device.cpu(), 1);
                NDManager m = a.manager().newSubManager()) {
            byte[] saved = b.saveParameters();
            assertThatThrownBy(() -> a.loadParameters(saved))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("parameters do not fit this resnet18 network");
            assertThatThrownBy(() -> a.loadParameters(new byte[] {1, 2, 3}))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> a.embed(m.zeros(new Shape(2, 3, 8, 8))))
                    .hasMessage("expected images (N, 1, H, W), got (2, 3, 8, 8)");
        }
    }
}
