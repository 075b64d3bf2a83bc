package dev.simclr.evaluator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import dev.simclr.onnx.OnnxDevice;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluatorSetupTest {

    @Test
    void theDefaultsAreTheMappings() {
        EvaluatorSetup s = EvaluatorConfigs.setup(Map.of());
        assertThat(s.device()).isEqualTo(Device.cpu());
        assertThat(s.onnxDevice()).isEqualTo(OnnxDevice.AUTO);
        assertThat(s.config().batchSize()).isEqualTo(256);
        assertThat(s.config().parityImages()).isEqualTo(256);
        assertThat(s.config().parityTolerance()).isEqualTo(1e-4);
        assertThat(s.config().threads()).isZero();
        assertThat(s.config().embeddingPoints()).isEqualTo(2000);
        assertThat(s.config().referenceSeed()).isZero();
        assertThat(s.config().tailGrace()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void mistakesNameTheKey() {
        assertThatThrownBy(() -> EvaluatorConfigs.setup(Map.of("batch-size", "0")))
                .hasMessageContaining("simclr.evaluator.batch-size")
                .hasMessageContaining(
                        "batch size, parity images and embedding points must be >= 1 and ONNX threads >= 0, "
                                + "got 0, 256, 2000, 0");
        assertThatThrownBy(() -> EvaluatorConfigs.setup(Map.of("parity-tolerance", "-1")))
                .hasMessage(
                        "simclr.evaluator.parity-tolerance: parity tolerance must be a finite value >= 0, got -1.0");
        assertThatThrownBy(() -> EvaluatorConfigs.setup(Map.of("onnx-device", "tpu")))
                .hasMessageStartingWith("simclr.evaluator.onnx-device: ");
        assertThatThrownBy(() -> EvaluatorConfigs.setup(Map.of("device", "tpu")))
                .hasMessageStartingWith("simclr.evaluator.device: ");
    }
}
