package dev.simclr.evaluator.config;

import ai.djl.Device;
import dev.simclr.model.Devices;
import dev.simclr.onnx.OnnxDevice;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The one place where the evaluation keys of {@link EvaluatorConfig} are checked and what they imply is computed: the
 * DJL device and the ONNX Runtime device. Every plain value is read from {@link #config()}; every default is the
 * mapping's {@code @WithDefault}. A configuration mistake is an {@link IllegalArgumentException} naming the key.
 */
public final class EvaluatorSetup {

    private static final String P = "simclr.evaluator.";

    private final EvaluatorConfig config;
    private final Device device;
    private final OnnxDevice onnxDevice;

    private EvaluatorSetup(EvaluatorConfig c) {
        this.config = c;
        if (c.batchSize() < 1 || c.parityImages() < 1 || c.embeddingPoints() < 1 || c.threads() < 0) {
            throw new IllegalArgumentException(P + "batch-size, " + P + "parity-images, " + P + "embedding-points, " + P
                    + "threads: batch size, parity images and embedding points must be >= 1 and ONNX threads >= 0, got "
                    + c.batchSize() + ", " + c.parityImages() + ", " + c.embeddingPoints() + ", " + c.threads());
        }
        if (!(c.parityTolerance() >= 0) || Double.isInfinite(c.parityTolerance())) {
            throw new IllegalArgumentException(
                    P + "parity-tolerance: parity tolerance must be a finite value >= 0, got " + c.parityTolerance());
        }
        try {
            this.onnxDevice = OnnxDevice.parse(c.onnxDevice());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(P + "onnx-device: " + e.getMessage(), e);
        }
        try {
            this.device = Devices.parse(c.device());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(P + "device: " + e.getMessage(), e);
        }
    }

    /**
     * Checks {@code config} and resolves its devices. Resolving the DJL device loads the engine, which reads its thread
     * settings then: set them first.
     *
     * @throws IllegalArgumentException naming the key, when a value is not acceptable
     */
    public static EvaluatorSetup of(EvaluatorConfig config) {
        return new EvaluatorSetup(config);
    }

    /**
     * The mapping as SmallRye Config builds it in the service, outside Quarkus (the benchmarks, tests): {@code keys}
     * (names without the {@code simclr.evaluator.} prefix, e.g. {@code batch-size}) over the defaults.
     */
    public static EvaluatorConfig mapping(Map<String, String> keys) {
        Map<String, String> prefixed = new HashMap<>();
        keys.forEach((k, v) -> prefixed.put(P + k, v));
        return new SmallRyeConfigBuilder()
                .withMapping(EvaluatorConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(prefixed, "code", 500))
                .build()
                .getConfigMapping(EvaluatorConfig.class);
    }

    /** The mapping: every plain value. */
    public EvaluatorConfig config() {
        return config;
    }

    /** Where DJL runs the encoder and the protocol ({@code device}). */
    public Device device() {
        return device;
    }

    /** Where ONNX Runtime runs the parity check ({@code onnx-device}). */
    public OnnxDevice onnxDevice() {
        return onnxDevice;
    }
}
