package dev.simclr.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.augment.resize.ResizeMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EncoderMetadataTest {

    private static EncoderMetadata sample() {
        return EncoderMetadata.of(
                3,
                32,
                List.of(0.485, 0.456, 0.406),
                List.of(0.229, 0.224, 0.225),
                512,
                ResizeMode.PAD,
                Map.of(EncoderMetadata.RUN_ID, "run-1", EncoderMetadata.STEP, "1000"));
    }

    @Test
    void propertiesRoundTripWithTypedFieldsFirst() {
        EncoderMetadata m = sample();
        Map<String, String> props = m.toProperties();
        assertThat(props)
                .containsEntry(EncoderMetadata.FORMAT, EncoderMetadata.FORMAT_VERSION)
                .containsEntry(EncoderMetadata.MEAN, "[0.485,0.456,0.406]")
                .containsEntry(EncoderMetadata.INPUT_SIZE, "32")
                .containsEntry(EncoderMetadata.RESIZE_MODE, "pad")
                .containsEntry(EncoderMetadata.RUN_ID, "run-1");
        assertThat(props.keySet()).startsWith(EncoderMetadata.FORMAT, EncoderMetadata.CHANNELS);

        EncoderMetadata back = EncoderMetadata.fromProperties(props);
        assertThat(back).isEqualTo(m);
        assertThat(back.property(EncoderMetadata.STEP)).contains("1000");
        assertThat(back.meanFloats()).containsExactly(0.485f, 0.456f, 0.406f);
        assertThat(back.resizeMode()).contains(ResizeMode.PAD);
    }

    @Test
    void foreignModelsAndBadValuesAreRefusedWithTheKey() {
        assertThatThrownBy(() -> EncoderMetadata.fromProperties(Map.of()))
                .hasMessage("not a SimCLR encoder export: metadata key simclr.format is missing");
        Map<String, String> props = new LinkedHashMap<>(sample().toProperties());
        props.put(EncoderMetadata.FORMAT, "simclr-encoder/9");
        assertThatThrownBy(() -> EncoderMetadata.fromProperties(props)).hasMessageContaining("simclr-encoder/9");

        props.put(EncoderMetadata.FORMAT, EncoderMetadata.FORMAT_VERSION);
        props.put(EncoderMetadata.STD, "[0.2,0,0.2]");
        assertThatThrownBy(() -> EncoderMetadata.fromProperties(props))
                .hasMessageContaining("std values must be finite and > 0");
        props.put(EncoderMetadata.STD, "0.2,0.2,0.2");
        assertThatThrownBy(() -> EncoderMetadata.fromProperties(props))
                .hasMessageContaining("simclr.std must be a JSON array of numbers");
        props.put(EncoderMetadata.STD, "[0.2,0.2]");
        assertThatThrownBy(() -> EncoderMetadata.fromProperties(props)).hasMessageContaining("std needs 3 value(s)");
        props.put(EncoderMetadata.STD, "[0.2,0.2,0.2]");
        props.remove(EncoderMetadata.FEATURE_DIM);
        assertThatThrownBy(() -> EncoderMetadata.fromProperties(props))
                .hasMessage("encoder metadata: key simclr.feature_dim is missing");
        props.put(EncoderMetadata.FEATURE_DIM, "many");
        assertThatThrownBy(() -> EncoderMetadata.fromProperties(props))
                .hasMessage("encoder metadata: simclr.feature_dim must be an integer, got 'many'");
    }

    @Test
    void extraEntriesCannotOverrideTypedOnes() {
        assertThatThrownBy(() -> EncoderMetadata.of(
                        1, 28, List.of(0.5), List.of(0.5), 8, null, Map.of(EncoderMetadata.INPUT_SIZE, "64")))
                .hasMessageContaining("simclr.input_size");
    }
}
