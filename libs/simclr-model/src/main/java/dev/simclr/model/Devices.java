package dev.simclr.model;

import ai.djl.Device;
import dev.simclr.model.engine.Torch;
import java.util.Locale;

/** Parses device names: {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:<index>}. */
public final class Devices {

    private Devices() {}

    /**
     * Resolves a device name against the GPUs the PyTorch engine sees.
     *
     * @param value {@code auto} (first GPU if any, else CPU), {@code cpu}, {@code gpu} (= gpu:0) or
     *     {@code gpu:<index>}; case-insensitive
     * @return the device
     * @throws IllegalArgumentException for an unknown name or a GPU that is not visible
     */
    public static Device parse(String value) {
        return parse(value, Torch.engine().getGpuCount());
    }

    /**
     * Resolves a device name given the number of visible GPUs.
     *
     * @param value the device name
     * @param gpuCount visible GPUs
     * @return the device
     * @throws IllegalArgumentException for an unknown name or a GPU that is not visible
     */
    public static Device parse(String value, int gpuCount) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("auto")) {
            return gpuCount > 0 ? Device.gpu(0) : Device.cpu();
        }
        if (v.equals("cpu")) {
            return Device.cpu();
        }
        int index;
        if (v.equals("gpu")) {
            index = 0;
        } else if (v.matches("gpu:\\d{1,4}")) {
            index = Integer.parseInt(v.substring(4));
        } else {
            throw new IllegalArgumentException(
                    "unknown device '" + value + "': expected auto, cpu, gpu or gpu:<index>");
        }
        if (index >= gpuCount) {
            throw new IllegalArgumentException("device '" + value + "' requested but "
                    + (gpuCount == 0 ? "no GPU is visible" : "only " + gpuCount + " GPU(s) are visible"));
        }
        return Device.gpu(index);
    }
}
