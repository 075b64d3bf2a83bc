package dev.simclr.model.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** Square 2-D max-pooling (NCHW, floor mode) with introspectable kernel, stride and padding. */
public final class MaxPool2d extends AbstractBlock {

    private final int kernel;
    private final int stride;
    private final int padding;

    /**
     * Creates the block.
     *
     * @param kernel kernel side
     * @param stride stride in both directions
     * @param padding implicit negative-infinity padding on each side
     */
    public MaxPool2d(int kernel, int stride, int padding) {
        super((byte) 1);
        if (kernel < 1 || stride < 1 || padding < 0 || padding > kernel / 2) {
            throw new IllegalArgumentException(
                    "max-pool: bad kernel " + kernel + ", stride " + stride + ", padding " + padding);
        }
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
    }

    /** Returns the kernel side. */
    public int kernel() {
        return kernel;
    }

    /** Returns the stride. */
    public int stride() {
        return stride;
    }

    /** Returns the padding on each side. */
    public int padding() {
        return padding;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(Pool.maxPool2d(
                inputs.singletonOrThrow(),
                new Shape(kernel, kernel),
                new Shape(stride, stride),
                new Shape(padding, padding),
                false));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        long h = (in.get(2) + 2L * padding - kernel) / stride + 1;
        long w = (in.get(3) + 2L * padding - kernel) / stride + 1;
        return new Shape[] {new Shape(in.get(0), in.get(1), h, w)};
    }
}
