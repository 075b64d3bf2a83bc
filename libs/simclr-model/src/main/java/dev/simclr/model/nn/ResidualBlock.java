package dev.simclr.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Optional;

/**
 * torchvision's residual unit: {@code relu(main(x) + shortcut(x))}.
 *
 * <p>Children: {@code main} (conv/bn/relu sequence), {@code shortcut} (1x1 conv + BN, present only when the shape
 * changes; otherwise the identity) and {@code relu}. BasicBlock: 3x3 (stride s), 3x3. Bottleneck (torchvision v1.5):
 * 1x1, 3x3 (stride s), 1x1 with expansion 4.
 */
public final class ResidualBlock extends AbstractBlock {

    private final NamedSequence main;
    private final NamedSequence shortcut;
    private final Relu relu;
    private final BatchNorm lastBatchNorm;

    private ResidualBlock(NamedSequence main, NamedSequence shortcut, BatchNorm lastBatchNorm) {
        super((byte) 1);
        this.main = addChildBlock("main", main);
        this.shortcut = shortcut == null ? null : addChildBlock("shortcut", shortcut);
        this.relu = addChildBlock("relu", new Relu());
        this.lastBatchNorm = lastBatchNorm;
    }

    /**
     * Returns a BasicBlock.
     *
     * @param inChannels input channels
     * @param outChannels output channels
     * @param stride stride of the first 3x3 convolution
     * @return the block
     */
    public static ResidualBlock basic(int inChannels, int outChannels, int stride) {
        BatchNorm bn2 = Layers.batchNorm();
        NamedSequence main = new NamedSequence()
                .add("conv1", Layers.conv(outChannels, 3, stride, 1))
                .add("bn1", Layers.batchNorm())
                .add("relu1", new Relu())
                .add("conv2", Layers.conv(outChannels, 3, 1, 1))
                .add("bn2", bn2);
        return new ResidualBlock(main, projection(inChannels, outChannels, stride), bn2);
    }

    /**
     * Returns a Bottleneck with the stride on the 3x3 convolution (torchvision v1.5).
     *
     * @param inChannels input channels
     * @param width channels of the inner 1x1 and 3x3 convolutions
     * @param stride stride of the 3x3 convolution
     * @return the block, with {@code 4 * width} output channels
     */
    public static ResidualBlock bottleneck(int inChannels, int width, int stride) {
        int out = width * 4;
        BatchNorm bn3 = Layers.batchNorm();
        NamedSequence main = new NamedSequence()
                .add("conv1", Layers.conv(width, 1, 1, 0))
                .add("bn1", Layers.batchNorm())
                .add("relu1", new Relu())
                .add("conv2", Layers.conv(width, 3, stride, 1))
                .add("bn2", Layers.batchNorm())
                .add("relu2", new Relu())
                .add("conv3", Layers.conv(out, 1, 1, 0))
                .add("bn3", bn3);
        return new ResidualBlock(main, projection(inChannels, out, stride), bn3);
    }

    private static NamedSequence projection(int in, int out, int stride) {
        if (stride == 1 && in == out) {
            return null;
        }
        return new NamedSequence().add("conv", Layers.conv(out, 1, stride, 0)).add("bn", Layers.batchNorm());
    }

    /** Returns the residual branch. */
    public NamedSequence main() {
        return main;
    }

    /** Returns the projection shortcut, or empty when the shortcut is the identity. */
    public Optional<NamedSequence> shortcut() {
        return Optional.ofNullable(shortcut);
    }

    /** Returns the last BatchNorm of the residual branch (zero-initialised on request). */
    public BatchNorm lastBatchNorm() {
        return lastBatchNorm;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray branch = main.forward(parameterStore, inputs, training, params).singletonOrThrow();
        NDArray identity = shortcut == null
                ? inputs.singletonOrThrow()
                : shortcut.forward(parameterStore, inputs, training, params).singletonOrThrow();
        // In place, as torchvision's "out += identity": BN's backward needs its input, not its
        // output, so autograd allows it, and it saves one activation-sized allocation per block.
        return relu.forward(parameterStore, new NDList(branch.addi(identity)), training, params);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        main.initialize(manager, dataType, inputShapes);
        if (shortcut != null) {
            shortcut.initialize(manager, dataType, inputShapes);
        }
        relu.initialize(manager, dataType, main.getOutputShapes(inputShapes));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return main.getOutputShapes(inputShapes);
    }
}
