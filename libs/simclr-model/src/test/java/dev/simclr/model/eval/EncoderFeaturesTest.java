package dev.simclr.model.eval;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.simclr.evaluation.InputSpec;
import dev.simclr.model.Arch;
import dev.simclr.model.ModelConfig;
import dev.simclr.model.SimClrModel;
import dev.simclr.model.Stem;
import org.junit.jupiter.api.Test;

class EncoderFeaturesTest {

    @Test
    void specFollowsTheModelAndFeaturesAreTheEncoderOutput() {
        ModelConfig config = ModelConfig.builder()
                .setChannels(1)
                .setInputSize(16)
                .optArch(Arch.RESNET18)
                .optStem(Stem.SMALL)
                .optWidth(0.125)
                .build();
        try (SimClrModel model = SimClrModel.create(config, Device.cpu(), 7);
                NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            EncoderFeatures features = EncoderFeatures.of(model);
            InputSpec spec = features.inputSpec();
            assertThat(spec.height()).isEqualTo(16);
            assertThat(spec.width()).isEqualTo(16);
            assertThat(spec.channels()).isEqualTo(1);
            assertThat(spec.mean()).isEqualTo(config.mean());
            assertThat(spec.std()).isEqualTo(config.std());

            NDArray images = manager.randomNormal(new Shape(3, 1, 16, 16));
            NDArray out = features.embed(images);
            assertThat(out.getShape()).isEqualTo(new Shape(3, config.featureDim()));
            NDArray direct = model.embed(images);
            assertThat(out.toFloatArray()).containsExactly(direct.toFloatArray());
        }
    }
}
