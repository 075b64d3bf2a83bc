package dev.simclr.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OrtProvider;
import dev.simclr.augment.resize.ResizeMode;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OnnxDeviceTest {

    private static final EncoderMetadata META =
            EncoderMetadata.of(1, 8, List.of(0.5), List.of(0.25), 4, ResizeMode.PAD, Map.of());

    @Test
    void parsesEveryFormAndRefusesOthers() {
        assertThat(OnnxDevice.parse("auto")).isEqualTo(OnnxDevice.AUTO);
        assertThat(OnnxDevice.parse(" CPU ")).isEqualTo(OnnxDevice.CPU);
        assertThat(OnnxDevice.parse("cuda")).isEqualTo(new OnnxDevice(OnnxDevice.Kind.CUDA, 0));
        assertThat(OnnxDevice.parse("cuda:3").cudaDevice()).isEqualTo(3);
        assertThat(OnnxDevice.parse("cuda:3").toString()).isEqualTo("cuda:3");
        for (String bad : new String[] {"gpu", "cuda:", "cuda:-1", "cuda:x", "", "tpu"}) {
            assertThatThrownBy(() -> OnnxDevice.parse(bad))
                    .as(bad)
                    .hasMessage("ONNX device must be auto, cpu, cuda or cuda:N (N >= 0), got '" + bad + "'");
        }
    }

    @Test
    void autoTakesCudaOnlyWhenOffered() {
        EnumSet<OrtProvider> cpuOnly = EnumSet.of(OrtProvider.CPU);
        EnumSet<OrtProvider> withCuda = EnumSet.of(OrtProvider.CPU, OrtProvider.CUDA);
        assertThat(OnnxDevice.AUTO.resolve(cpuOnly)).isEqualTo(OnnxDevice.CPU);
        assertThat(OnnxDevice.AUTO.resolve(withCuda)).isEqualTo(new OnnxDevice(OnnxDevice.Kind.CUDA, 0));
        assertThat(OnnxDevice.CPU.resolve(withCuda)).isEqualTo(OnnxDevice.CPU);
        assertThat(OnnxDevice.parse("cuda:1").resolve(withCuda).cudaDevice()).isEqualTo(1);
        assertThatThrownBy(() -> OnnxDevice.parse("cuda:1").resolve(cpuOnly))
                .hasMessageStartingWith("cuda:1 requested, but this ONNX Runtime offers only [CPU]")
                .hasMessageContaining("onnxruntime_gpu");
    }

    @Test
    void theCpuBuildFallsBackToTheCpuForAutoAndRefusesCuda() {
        assertThat(OnnxDevice.offered()).contains(OrtProvider.CPU).doesNotContain(OrtProvider.CUDA);
        try (OnnxEncoder encoder = OnnxEncoder.builder()
                .setModel(TinyModels.model(META))
                .optDevice(OnnxDevice.AUTO)
                .build()) {
            assertThat(encoder.device()).isEqualTo(OnnxDevice.CPU);
            assertThat(encoder.embed(new float[64], 1)[0]).hasSize(4);
        }
        assertThatThrownBy(() -> OnnxEncoder.builder()
                        .setModel(TinyModels.model(META))
                        .optDevice(OnnxDevice.parse("cuda"))
                        .build())
                .hasMessageStartingWith("cuda:0 requested, but this ONNX Runtime offers only");
    }
}
