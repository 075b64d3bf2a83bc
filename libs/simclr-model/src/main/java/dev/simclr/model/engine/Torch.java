package dev.simclr.model.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.function.Supplier;

/**
 * The few PyTorch-engine specifics DJL's engine-neutral API does not expose: autograd's grad
 * mode (for gradient-free inference) and zeroing a parameter's accumulated gradient in place.
 */
public final class Torch {

    /** DJL's name of the PyTorch engine. */
    public static final String ENGINE = "PyTorch";

    private Torch() {}

    /**
     * Loads the PyTorch engine (natives, thread settings) if not loaded yet.
     *
     * @return the engine
     * @throws IllegalStateException if the PyTorch engine is not on the class path
     */
    public static Engine engine() {
        if (!Engine.hasEngine(ENGINE)) {
            throw new IllegalStateException("the DJL PyTorch engine is not on the class path "
                    + "(add ai.djl.pytorch:pytorch-engine and a pytorch-native-* artefact)");
        }
        return Engine.getEngine(ENGINE);
    }

    /**
     * Runs {@code body} with autograd recording disabled on this thread, then restores the mode.
     *
     * @param body the computation
     * @param <T> its result type
     * @return the result
     */
    public static <T> T noGrad(Supplier<T> body) {
        engine();
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            return body.get();
        } finally {
            JniUtils.setGradMode(previous);
        }
    }

    /**
     * Sets the gradient accumulated on {@code weight} to zero in place. PyTorch accumulates
     * gradients across backward passes and DJL's collector does not clear them, so every
     * optimiser update ends with this (as DJL's own PyTorch optimisers do).
     *
     * @param weight a parameter array with a gradient
     */
    public static void zeroGrad(NDArray weight) {
        if (weight instanceof PtNDArray pt) {
            JniUtils.zeroGrad(pt);
        } else {
            try (NDArray grad = weight.getGradient()) {
                grad.subi(grad);
            }
        }
    }
}
