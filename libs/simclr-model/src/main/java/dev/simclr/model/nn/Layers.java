package dev.simclr.model.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;

/** Factories for the layers used here, with PyTorch's hyper-parameters. */
public final class Layers {

    /** BatchNorm epsilon (PyTorch default). */
    public static final float BN_EPSILON = 1e-5f;
    /** DJL BatchNorm momentum 0.9 = PyTorch momentum 0.1 (running = 0.9 running + 0.1 batch). */
    public static final float BN_MOMENTUM = 0.9f;

    private Layers() {}

    /**
     * Returns a square bias-free convolution.
     *
     * @param outChannels output channels
     * @param kernel kernel side
     * @param stride stride
     * @param padding zero padding on each side
     * @return the block
     */
    public static Conv2d conv(int outChannels, int kernel, int stride, int padding) {
        return Conv2d.builder()
                .setFilters(outChannels)
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(padding, padding))
                .optBias(false)
                .build();
    }

    /** Returns a BatchNorm over axis 1 (channels of NCHW, features of NC). */
    public static BatchNorm batchNorm() {
        return BatchNorm.builder()
                .optEpsilon(BN_EPSILON)
                .optMomentum(BN_MOMENTUM)
                .build();
    }

    /**
     * Returns a fully connected layer with bias.
     *
     * @param units output features
     * @return the block
     */
    public static Linear linear(int units) {
        return Linear.builder().setUnits(units).optBias(true).build();
    }
}
