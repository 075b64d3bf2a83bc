package dev.simclr.model.nn;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import dev.simclr.model.Arch;
import dev.simclr.model.ModelConfig;
import dev.simclr.model.Stem;

/**
 * Builds the SimCLR network from a {@link ModelConfig}.
 *
 * <p>Structure (child names as given to {@link NamedSequence#add}):
 *
 * <pre>
 * network: encoder, head
 * encoder: stem (conv, bn, relu[, maxpool]), layer1..layer4 (block1..blockK: {@link ResidualBlock}), pool
 * head:    fc1 (d to d), bn, relu, fc2 (d to projectionDim)
 * </pre>
 */
public final class ResNets {

    /** Child name of the encoder inside the network. */
    public static final String ENCODER = "encoder";
    /** Child name of the projection head inside the network. */
    public static final String HEAD = "head";

    private ResNets() {}

    /**
     * Returns encoder followed by projection head, not yet initialised.
     *
     * @param config the model config
     * @return the network
     */
    public static NamedSequence network(ModelConfig config) {
        return new NamedSequence()
                .add(ENCODER, encoder(config))
                .add(HEAD, projectionHead(config.featureDim(), config.featureDim(), config.projectionDim()));
    }

    /**
     * Returns the encoder: stem, four stages, global average pool (no fc).
     *
     * @param config the model config
     * @return the encoder producing {@code config.featureDim()} features
     */
    public static NamedSequence encoder(ModelConfig config) {
        int[] widths = config.stageWidths();
        NamedSequence encoder = new NamedSequence().add("stem", stem(config.stem(), widths[0]));
        Arch arch = config.arch();
        int[] blocks = arch.blocksPerStage();
        int in = widths[0];
        for (int stage = 0; stage < 4; stage++) {
            NamedSequence layer = new NamedSequence();
            for (int b = 0; b < blocks[stage]; b++) {
                int stride = b == 0 && stage > 0 ? 2 : 1;
                ResidualBlock block = arch.bottleneck()
                        ? ResidualBlock.bottleneck(in, widths[stage], stride)
                        : ResidualBlock.basic(in, widths[stage], stride);
                layer.add("block" + (b + 1), block);
                in = widths[stage] * arch.expansion();
            }
            encoder.add("layer" + (stage + 1), layer);
        }
        return encoder.add("pool", new GlobalAvgPool());
    }

    private static NamedSequence stem(Stem stem, int channels) {
        NamedSequence seq = new NamedSequence();
        if (stem == Stem.IMAGENET) {
            return seq.add("conv", Layers.conv(channels, 7, 2, 3))
                    .add("bn", Layers.batchNorm())
                    .add("relu", new Relu())
                    .add("maxpool", new MaxPool2d(3, 2, 1));
        }
        return seq.add("conv", Layers.conv(channels, 3, 1, 1))
                .add("bn", Layers.batchNorm())
                .add("relu", new Relu());
    }

    /**
     * Returns the SimCLR projection head Linear(in, hidden) - BN - ReLU - Linear(hidden, out).
     *
     * @param in input features
     * @param hidden hidden features
     * @param out projection size
     * @return the head
     */
    public static NamedSequence projectionHead(int in, int hidden, int out) {
        if (in < 1 || hidden < 1 || out < 1) {
            throw new IllegalArgumentException(
                    "projection head sizes must be >= 1: " + in + ", " + hidden + ", " + out);
        }
        return new NamedSequence()
                .add("fc1", Layers.linear(hidden))
                .add("bn", Layers.batchNorm())
                .add("relu", new Relu())
                .add("fc2", Layers.linear(out));
    }

    /**
     * Counts trainable scalars (as PyTorch's {@code parameters()}: BN running statistics excluded).
     *
     * @param block an initialised block
     * @return the number of trainable parameters
     */
    public static long trainableParameterCount(Block block) {
        long count = 0;
        for (var pair : block.getParameters()) {
            Parameter p = pair.getValue();
            if (p.requiresGradient()) {
                count += p.getArray().getShape().size();
            }
        }
        return count;
    }
}
