package dev.simclr.model.onnx;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.util.Pair;
import ai.onnx.proto.OnnxMl;
import dev.simclr.model.nn.GlobalAvgPool;
import dev.simclr.model.nn.MaxPool2d;
import dev.simclr.model.nn.NamedSequence;
import dev.simclr.model.nn.Relu;
import dev.simclr.model.nn.ResidualBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates a DJL block tree into ONNX nodes and initialisers, block by block:
 *
 * <ul>
 *   <li>{@link NamedSequence}: its children in order;
 *   <li>{@link Conv2d}: {@code Conv} (kernel, strides, pads, dilations, group; bias if present); with folding on, a
 *       {@code Conv} directly followed by a {@link BatchNorm} in the same sequence becomes one {@code Conv} with
 *       {@code W * s} and {@code (b - mean) * s + beta}, {@code s = gamma / sqrt(var + eps)}, computed in double
 *       precision;
 *   <li>{@link BatchNorm} (not folded): {@code BatchNormalization} with the running statistics;
 *   <li>{@link Relu}: {@code Relu}; {@link MaxPool2d}: {@code MaxPool} (floor mode);
 *   <li>{@link ResidualBlock}: main branch, shortcut (or the input), {@code Add}, {@code Relu};
 *   <li>{@link GlobalAvgPool}: {@code GlobalAveragePool} then {@code Flatten} (axis 1).
 * </ul>
 *
 * Any other block type fails with {@link UnsupportedBlockException}. Value and node names are the block paths, e.g.
 * {@code layer2.block1.main.conv1}.
 */
final class GraphWriter {

    private final boolean foldBatchNorm;
    private final List<OnnxMl.NodeProto> nodes = new ArrayList<>();
    private final List<OnnxMl.TensorProto> initializers = new ArrayList<>();
    private long parameterCount;

    GraphWriter(boolean foldBatchNorm) {
        this.foldBatchNorm = foldBatchNorm;
    }

    List<OnnxMl.NodeProto> nodes() {
        return nodes;
    }

    List<OnnxMl.TensorProto> initializers() {
        return initializers;
    }

    /**
     * Renames the graph's final value (the output of the last node) to {@code name}.
     *
     * @throws IllegalStateException when {@code value} is not the last node's output
     */
    void renameOutput(String value, String name) {
        OnnxMl.NodeProto last = nodes.isEmpty() ? null : nodes.get(nodes.size() - 1);
        if (last == null || !last.getOutput(0).equals(value)) {
            throw new IllegalStateException("the graph output " + value + " is not produced by the last node");
        }
        nodes.set(nodes.size() - 1, last.toBuilder().setOutput(0, name).build());
    }

    /** Scalars stored in initialisers. */
    long parameterCount() {
        return parameterCount;
    }

    /**
     * Emits the nodes computing {@code block} applied to the value {@code input}.
     *
     * @param path the block's path, used for node and value names
     * @return the name of the output value
     * @throws UnsupportedBlockException for a block type without a faithful translation
     */
    String emit(Block block, String input, String path) {
        if (block instanceof NamedSequence seq) {
            return sequence(seq, input, path);
        }
        if (block instanceof ResidualBlock residual) {
            return residual(residual, input, path);
        }
        if (block != null && block.getClass() == Conv2d.class) {
            return conv((Conv2d) block, null, input, path);
        }
        if (block != null && block.getClass() == BatchNorm.class) {
            return batchNorm((BatchNorm) block, input, path);
        }
        if (block instanceof Relu) {
            return node("Relu", path, List.of(input));
        }
        if (block instanceof MaxPool2d pool) {
            int k = pool.kernel();
            int s = pool.stride();
            int p = pool.padding();
            return node(
                    "MaxPool",
                    path,
                    List.of(input),
                    Tensors.ints("kernel_shape", k, k),
                    Tensors.ints("strides", s, s),
                    Tensors.ints("pads", p, p, p, p),
                    Tensors.integer("ceil_mode", 0));
        }
        if (block instanceof GlobalAvgPool) {
            String pooled = node("GlobalAveragePool", path, List.of(input));
            return node("Flatten", path + ".flatten", List.of(pooled), Tensors.integer("axis", 1));
        }
        throw new UnsupportedBlockException("cannot export block '" + path + "' of type "
                + (block == null ? "null" : block.getClass().getName()) + ": the ONNX exporter supports NamedSequence, "
                + "ResidualBlock, Conv2d, BatchNorm, Relu, MaxPool2d and GlobalAvgPool");
    }

    private String sequence(NamedSequence seq, String input, String path) {
        List<String> names = seq.names();
        List<Block> blocks = seq.getChildren().values();
        String current = input;
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            String childPath = join(path, names.get(i));
            boolean foldNext = foldBatchNorm
                    && b.getClass() == Conv2d.class
                    && i + 1 < blocks.size()
                    && blocks.get(i + 1).getClass() == BatchNorm.class;
            if (foldNext) {
                BatchNormSpec bn = BatchNormSpec.of((BatchNorm) blocks.get(i + 1), join(path, names.get(i + 1)));
                current = conv((Conv2d) b, bn, current, childPath);
                i++;
            } else {
                current = emit(b, current, childPath);
            }
        }
        return current;
    }

    private String residual(ResidualBlock block, String input, String path) {
        int expectedChildren = block.shortcut().isPresent() ? 3 : 2;
        if (block.getChildren().size() != expectedChildren) {
            throw new UnsupportedBlockException(path + ": ResidualBlock has children "
                    + block.getChildren().keys() + ", the exporter knows main, [shortcut], relu");
        }
        Block relu = null;
        for (Pair<String, Block> child : block.getChildren()) {
            if (child.getKey().endsWith("relu")) {
                relu = child.getValue();
            }
        }
        if (!(relu instanceof Relu)) {
            throw new UnsupportedBlockException(path + ": ResidualBlock's final activation is not a Relu");
        }
        String main = emit(block.main(), input, join(path, "main"));
        String shortcut =
                block.shortcut().isPresent() ? emit(block.shortcut().get(), input, join(path, "shortcut")) : input;
        String sum = node("Add", join(path, "add"), List.of(main, shortcut));
        return node("Relu", join(path, "relu"), List.of(sum));
    }

    private String conv(Conv2d conv, BatchNormSpec bn, String input, String path) {
        Shape k = conv.getKernelShape();
        Shape s = conv.getStride();
        Shape p = conv.getPadding();
        Shape d = conv.getDilation();
        if (k.dimension() != 2 || s.dimension() != 2 || p.dimension() != 2 || d.dimension() != 2) {
            throw new UnsupportedBlockException(path + ": Conv2d with non-2-D kernel/stride/padding/dilation");
        }
        float[] w = Tensors.floats(conv.getDirectParameters().get("weight"), path + "/weight");
        long[] wShape =
                conv.getDirectParameters().get("weight").getArray().getShape().getShape();
        int out = Math.toIntExact(wShape[0]);
        float[] bias =
                conv.isIncludeBias() ? Tensors.floats(conv.getDirectParameters().get("bias"), path + "/bias") : null;
        if (bn != null) {
            if (bn.channels() != out) {
                throw new UnsupportedBlockException(
                        path + ": BatchNorm has " + bn.channels() + " channels, the Conv2d " + out + " filters");
            }
            double[] scale = bn.scale();
            int per = w.length / out;
            float[] folded = new float[w.length];
            float[] foldedBias = new float[out];
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < per; i++) {
                    folded[o * per + i] = (float) (w[o * per + i] * scale[o]);
                }
                double b = bias == null ? 0 : bias[o];
                foldedBias[o] = (float) ((b - bn.mean()[o]) * scale[o] + bn.beta()[o]);
            }
            w = folded;
            bias = foldedBias;
        }
        String weightName = path + ".weight";
        addInitializer(weightName, wShape, w);
        List<String> inputs = new ArrayList<>(List.of(input, weightName));
        if (bias != null) {
            String biasName = path + ".bias";
            addInitializer(biasName, new long[] {out}, bias);
            inputs.add(biasName);
        }
        return node(
                "Conv",
                path,
                inputs,
                Tensors.ints("kernel_shape", k.get(0), k.get(1)),
                Tensors.ints("strides", s.get(0), s.get(1)),
                Tensors.ints("pads", p.get(0), p.get(1), p.get(0), p.get(1)),
                Tensors.ints("dilations", d.get(0), d.get(1)),
                Tensors.integer("group", conv.getGroups()));
    }

    private String batchNorm(BatchNorm block, String input, String path) {
        BatchNormSpec bn = BatchNormSpec.of(block, path);
        long[] dims = {bn.channels()};
        addInitializer(path + ".gamma", dims, bn.gamma());
        addInitializer(path + ".beta", dims, bn.beta());
        addInitializer(path + ".running_mean", dims, bn.mean());
        addInitializer(path + ".running_var", dims, bn.var());
        return node(
                "BatchNormalization",
                path,
                List.of(input, path + ".gamma", path + ".beta", path + ".running_mean", path + ".running_var"),
                Tensors.real("epsilon", bn.epsilon()));
    }

    private void addInitializer(String name, long[] dims, float[] values) {
        initializers.add(Tensors.initializer(name, dims, values));
        parameterCount += values.length;
    }

    private String node(String op, String name, List<String> inputs, OnnxMl.AttributeProto... attributes) {
        OnnxMl.NodeProto.Builder n = OnnxMl.NodeProto.newBuilder()
                .setOpType(op)
                .setName(name)
                .addAllInput(inputs)
                .addOutput(name);
        for (OnnxMl.AttributeProto a : attributes) {
            n.addAttribute(a);
        }
        nodes.add(n.build());
        return name;
    }

    private static String join(String path, String child) {
        return path.isEmpty() ? child : path + "." + child;
    }
}
