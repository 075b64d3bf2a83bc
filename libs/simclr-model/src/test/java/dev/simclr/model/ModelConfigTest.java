package dev.simclr.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.augment.resize.ResizeMode;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelConfigTest {

    private static ModelConfig.Builder base() {
        return ModelConfig.builder().setChannels(1).setInputSize(32);
    }

    @Test
    void defaultsFollowTheDesign() {
        ModelConfig c = base().build();
        assertThat(c.arch()).isEqualTo(Arch.RESNET18);
        assertThat(c.stem()).isEqualTo(Stem.SMALL);
        assertThat(c.width()).isEqualTo(1.0);
        assertThat(c.projectionDim()).isEqualTo(128);
        assertThat(c.zeroInitResidual()).isFalse();
        assertThat(c.mean()).containsExactly(0.449);
        assertThat(ModelConfig.builder()
                        .setChannels(3)
                        .setInputSize(224)
                        .build()
                        .stem())
                .isEqualTo(Stem.IMAGENET);
        assertThat(ModelConfig.builder().setChannels(3).setInputSize(64).build().std())
                .containsExactly(0.229, 0.224, 0.225);
    }

    @Test
    void stageWidthsUseFlooredMultiplierWithMinimumEight() {
        assertThat(base().build().stageWidths()).containsExactly(64, 128, 256, 512);
        assertThat(base().optWidth(0.25).build().stageWidths()).containsExactly(16, 32, 64, 128);
        assertThat(base().optWidth(0.3).build().stageWidths()).containsExactly(19, 38, 76, 153);
        assertThat(base().optWidth(0.05).build().stageWidths()).containsExactly(8, 8, 12, 25);
        assertThat(base().optWidth(0.25).build().featureDim()).isEqualTo(128);
        assertThat(base().optArch(Arch.RESNET50).build().featureDim()).isEqualTo(2048);
    }

    @Test
    void rejectsBadValuesWithReasons() {
        assertThatThrownBy(() -> base().setChannels(2).build()).hasMessageContaining("channels must be 1 or 3, got 2");
        assertThatThrownBy(() -> base().optWidth(0).build()).hasMessageContaining("width must be in (0, 4]");
        assertThatThrownBy(() -> base().optWidth(Double.NaN).build()).hasMessageContaining("width");
        assertThatThrownBy(() -> base().setInputSize(16).optStem(Stem.IMAGENET).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inputSize must be in [32, 1024] for the imagenet stem, got 16");
        assertThatThrownBy(() -> base().setInputSize(4).build()).hasMessageContaining("[8, 1024]");
        assertThatThrownBy(() -> base().optProjectionDim(0).build()).hasMessageContaining("projectionDim");
        assertThatThrownBy(() -> base().optNormalization(List.of(0.5, 0.5), List.of(0.2, 0.2))
                        .build())
                .hasMessageContaining("mean needs 1 value(s)");
        assertThatThrownBy(() ->
                        base().optNormalization(List.of(0.5), List.of(0.0)).build())
                .hasMessageContaining("std values must be finite and > 0");
        assertThatThrownBy(() -> ModelConfig.builder().setChannels(1).build())
                .hasMessageContaining("inputSize are required");
    }

    @Test
    void mapRoundTripAcceptsAnyNumberType() {
        ModelConfig c = ModelConfig.builder()
                .setChannels(3)
                .setInputSize(96)
                .optArch(Arch.RESNET50)
                .optStem(Stem.IMAGENET)
                .optWidth(0.5)
                .optProjectionDim(64)
                .optZeroInitResidual(true)
                .build();
        Map<String, Object> map = c.toMap();
        assertThat(map)
                .containsEntry("arch", "resnet50")
                .containsEntry("stem", "imagenet")
                .containsEntry("inputSize", 96);
        assertThat(ModelConfig.fromMap(map)).isEqualTo(c);

        Map<String, Object> json = new HashMap<>(map);
        json.put("width", new BigDecimal("0.5"));
        json.put("inputSize", 96L);
        json.put("channels", 3.0);
        json.put("arch", "ResNet50");
        assertThat(ModelConfig.fromMap(json)).isEqualTo(c);
    }

    @Test
    void theFitIsRecordedAndManifestsWithoutItReadAsPad() {
        ModelConfig c = base().optFit(ResizeMode.CENTER_CROP).build();
        Map<String, Object> map = c.toMap();
        assertThat(map).containsEntry("fit", "center-crop");
        assertThat(ModelConfig.fromMap(map)).isEqualTo(c);
        assertThat(base().build().fit()).isEqualTo(ResizeMode.PAD);

        map.remove("fit");
        assertThat(ModelConfig.fromMap(map))
                .isEqualTo(base().optFit(ResizeMode.PAD).build());
        map.put("fit", "stretch");
        assertThatThrownBy(() -> ModelConfig.fromMap(map))
                .hasMessage("model config: unknown fit 'stretch': expected pad, resize or center-crop");
        assertThatThrownBy(() -> base().optFit(null).build()).hasMessageContaining("fit is required");
    }

    @Test
    void fromMapNamesTheBadKey() {
        Map<String, Object> map = base().build().toMap();
        map.put("depth", 18);
        assertThatThrownBy(() -> ModelConfig.fromMap(map)).hasMessageContaining("unknown key 'depth'");
        map.remove("depth");
        map.remove("stem");
        assertThatThrownBy(() -> ModelConfig.fromMap(map)).hasMessageContaining("missing key 'stem'");
        map.put("stem", "tiny");
        assertThatThrownBy(() -> ModelConfig.fromMap(map)).hasMessageContaining("unknown stem 'tiny'");
        map.put("stem", "small");
        map.put("channels", 1.5);
        assertThatThrownBy(() -> ModelConfig.fromMap(map)).hasMessageContaining("'channels' must be an integer");
        map.put("channels", 1);
        map.put("mean", "0.5");
        assertThatThrownBy(() -> ModelConfig.fromMap(map)).hasMessageContaining("'mean' must be a list of numbers");
    }
}
