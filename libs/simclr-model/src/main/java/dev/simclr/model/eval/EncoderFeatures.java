package dev.simclr.model.eval;

import ai.djl.ndarray.NDArray;
import dev.simclr.evaluation.FeatureExtractor;
import dev.simclr.evaluation.InputSpec;
import dev.simclr.model.ModelConfig;
import dev.simclr.model.SimClrModel;
import java.util.Objects;

/**
 * The encoder of a {@link SimClrModel} as a {@link FeatureExtractor}: square inputs of the model's size and channels,
 * the model's own normalisation, features before the projection head.
 */
public final class EncoderFeatures implements FeatureExtractor {

    private final SimClrModel model;
    private final InputSpec spec;

    private EncoderFeatures(SimClrModel model) {
        this.model = model;
        ModelConfig c = model.config();
        this.spec = new InputSpec(c.inputSize(), c.inputSize(), c.channels(), c.mean(), c.std());
    }

    /** Wraps {@code model}; the caller keeps ownership (closing this wrapper is not needed). */
    public static EncoderFeatures of(SimClrModel model) {
        return new EncoderFeatures(Objects.requireNonNull(model, "model"));
    }

    @Override
    public InputSpec inputSpec() {
        return spec;
    }

    @Override
    public NDArray embed(NDArray images) {
        if (!images.getDevice().equals(model.device())) {
            try (NDArray moved = images.toDevice(model.device(), false)) {
                return model.embed(moved).toDevice(images.getDevice(), false);
            }
        }
        return model.embed(images);
    }
}
