package dev.simclr.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

class DevicesTest {

    @Test
    void resolvesNamesAgainstVisibleGpus() {
        assertThat(Devices.parse("cpu", 2)).isEqualTo(Device.cpu());
        assertThat(Devices.parse("auto", 0)).isEqualTo(Device.cpu());
        assertThat(Devices.parse("AUTO", 2)).isEqualTo(Device.gpu(0));
        assertThat(Devices.parse("gpu", 1)).isEqualTo(Device.gpu(0));
        assertThat(Devices.parse(" gpu:1 ", 2)).isEqualTo(Device.gpu(1));
    }

    @Test
    void rejectsUnknownOrInvisibleDevices() {
        assertThatThrownBy(() -> Devices.parse("tpu", 0))
                .hasMessage("unknown device 'tpu': expected auto, cpu, gpu or gpu:<index>");
        assertThatThrownBy(() -> Devices.parse("gpu:x", 1)).hasMessageContaining("unknown device 'gpu:x'");
        assertThatThrownBy(() -> Devices.parse("gpu:2", 2))
                .hasMessage("device 'gpu:2' requested but only 2 GPU(s) are visible");
        assertThatThrownBy(() -> Devices.parse("gpu", 0)).hasMessage("device 'gpu' requested but no GPU is visible");
    }

    @Test
    void autoUsesTheEngineGpuCount() {
        // No GPU on the build machines: auto resolves to the CPU; with one, to gpu(0).
        Device d = Devices.parse("auto");
        assertThat(d.isGpu() ? Device.gpu(0) : Device.cpu()).isEqualTo(d);
    }
}
