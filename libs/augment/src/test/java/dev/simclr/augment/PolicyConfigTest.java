package dev.simclr.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PolicyConfigTest {

    @Test
    void defaultsFollowThePaper() {
        PolicyConfig big = PolicyConfig.simclr(224, 3);
        assertThat(big.cropScaleMin()).isEqualTo(0.08);
        assertThat(big.cropScaleMax()).isEqualTo(1.0);
        assertThat(big.cropRatioMin()).isCloseTo(0.75, within(1e-12));
        assertThat(big.cropRatioMax()).isCloseTo(4.0 / 3, within(1e-12));
        assertThat(big.flipProbability()).isEqualTo(0.5);
        assertThat(big.jitterProbability()).isEqualTo(0.8);
        assertThat(big.brightness()).isCloseTo(0.8, within(1e-12));
        assertThat(big.hue()).isCloseTo(0.2, within(1e-12));
        assertThat(big.grayscaleProbability()).isEqualTo(0.2);
        assertThat(big.blur()).isTrue();
        assertThat(big.blurProbability()).isEqualTo(0.5);
        assertThat(big.blurKernelSize()).isEqualTo(23);
        assertThat(big.viewBytes()).isEqualTo(224 * 224 * 3);
        PolicyConfig small = PolicyConfig.simclr(32, 1);
        assertThat(small.blur()).isFalse();
        assertThat(small.brightness()).isCloseTo(0.4, within(1e-12));
        assertThat(small.hue()).isCloseTo(0.1, within(1e-12));
        assertThat(PolicyConfig.builder()
                        .setOutputSize(32)
                        .setOutputChannels(1)
                        .optBlur(PolicyConfig.BlurMode.ON)
                        .build()
                        .blur())
                .isTrue();
        assertThat(PolicyConfig.builder()
                        .setOutputSize(96)
                        .setOutputChannels(3)
                        .optBlur(PolicyConfig.BlurMode.OFF)
                        .build()
                        .blur())
                .isFalse();
        assertThat(PolicyConfig.builder()
                        .setOutputSize(96)
                        .setOutputChannels(3)
                        .optJitterStrength(0.5)
                        .build()
                        .saturation())
                .isCloseTo(0.4, within(1e-12));
        assertThat(big.toString()).contains("size=224").contains("k=23");
    }

    @Test
    void invalidValuesAreRefusedWithReasons() {
        assertThatThrownBy(() -> PolicyConfig.builder().setOutputChannels(3).build())
                .hasMessageContaining("output size");
        assertThatThrownBy(() -> PolicyConfig.builder().setOutputSize(32).build())
                .hasMessageContaining("output channels");
        assertThatThrownBy(() -> PolicyConfig.builder().setOutputChannels(2)).hasMessageContaining("1 or 3");
        assertThatThrownBy(() -> PolicyConfig.builder().setOutputSize(0)).hasMessageContaining("1..1024");
        assertThatThrownBy(() -> PolicyConfig.builder().optFlipProbability(1.5))
                .hasMessageContaining("flip probability");
        assertThatThrownBy(() -> PolicyConfig.builder().optCropScale(0.5, 0.2)).hasMessageContaining("crop scale");
        assertThatThrownBy(() -> PolicyConfig.builder().optBlurKernelSize(4)).hasMessageContaining("odd");
        assertThatThrownBy(() -> PolicyConfig.builder().optJitter(0.1, 0.1, 0.1, 0.7))
                .hasMessageContaining("hue");
        assertThatThrownBy(() -> new DecodedImage(2, 2, 3, new byte[11])).hasMessageContaining("does not match");
    }
}
