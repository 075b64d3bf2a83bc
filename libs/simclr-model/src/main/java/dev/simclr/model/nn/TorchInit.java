package dev.simclr.model.nn;

import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Re-initialises an initialised network the way torchvision does, reproducibly from a seed.
 *
 * <ul>
 *   <li>Conv: Kaiming normal, fan_out, ReLU gain: N(0, 2 / (out * kh * kw)).
 *   <li>Linear: PyTorch default, weight and bias U(-1/sqrt(fan_in), 1/sqrt(fan_in)).
 *   <li>BatchNorm: gamma 1 (0 for each residual branch's last BN if zero-init is on), beta 0, running mean 0, running
 *       variance 1.
 * </ul>
 *
 * Values come from a Java {@link SplittableRandom} seeded by the seed and the parameter's path, so they do not depend
 * on the engine's RNG or on the order of initialisation.
 */
public final class TorchInit {

    private TorchInit() {}

    /**
     * Initialises every parameter below {@code root}.
     *
     * @param root an initialised float32 or float64 network
     * @param seed the seed
     * @param zeroInitResidual whether to start residual branches' last BN gamma at zero
     */
    public static void apply(Block root, long seed, boolean zeroInitResidual) {
        Map<Parameter, String> names = new IdentityHashMap<>();
        for (var pair : root.getParameters()) {
            names.put(pair.getValue(), pair.getKey());
        }
        Set<Block> zeroGamma = Collections.newSetFromMap(new IdentityHashMap<>());
        if (zeroInitResidual) {
            collectLastBatchNorms(root, zeroGamma);
        }
        visit(root, seed, names, zeroGamma);
    }

    private static void collectLastBatchNorms(Block block, Set<Block> out) {
        if (block instanceof ResidualBlock r) {
            out.add(r.lastBatchNorm());
        }
        for (var child : block.getChildren()) {
            collectLastBatchNorms(child.getValue(), out);
        }
    }

    private static void visit(Block block, long seed, Map<Parameter, String> names, Set<Block> zeroGamma) {
        if (block instanceof Conv2d) {
            Parameter w = block.getDirectParameters().get("weight");
            long[] s = w.getArray().getShape().getShape();
            double std = Math.sqrt(2.0 / (s[0] * s[2] * s[3]));
            fill(w, rng(seed, names.get(w)), Dist.NORMAL, std);
        } else if (block instanceof Linear) {
            Parameter w = block.getDirectParameters().get("weight");
            double bound = 1.0 / Math.sqrt(w.getArray().getShape().get(1));
            fill(w, rng(seed, names.get(w)), Dist.UNIFORM, bound);
            Parameter b = block.getDirectParameters().get("bias");
            fill(b, rng(seed, names.get(b)), Dist.UNIFORM, bound);
        } else if (block instanceof BatchNorm) {
            var params = block.getDirectParameters();
            fill(params.get("gamma"), null, Dist.CONSTANT, zeroGamma.contains(block) ? 0 : 1);
            fill(params.get("beta"), null, Dist.CONSTANT, 0);
            fill(params.get("runningMean"), null, Dist.CONSTANT, 0);
            fill(params.get("runningVar"), null, Dist.CONSTANT, 1);
        }
        for (var child : block.getChildren()) {
            visit(child.getValue(), seed, names, zeroGamma);
        }
    }

    private enum Dist {
        NORMAL,
        UNIFORM,
        CONSTANT
    }

    private static void fill(Parameter p, SplittableRandom rng, Dist dist, double scale) {
        DataType type = p.getArray().getDataType();
        if (type != DataType.FLOAT32 && type != DataType.FLOAT64) {
            throw new IllegalStateException(
                    "initialise a float32 or float64 network, got " + type + " for " + p.getName());
        }
        double[] values = new double[Math.toIntExact(p.getArray().getShape().size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (dist) {
                case NORMAL -> rng.nextGaussian() * scale;
                case UNIFORM -> (rng.nextDouble() * 2 - 1) * scale;
                case CONSTANT -> scale;
            };
        }
        if (type == DataType.FLOAT64) {
            p.getArray().set(DoubleBuffer.wrap(values));
        } else {
            float[] floats = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                floats[i] = (float) values[i];
            }
            p.getArray().set(FloatBuffer.wrap(floats));
        }
    }

    private static SplittableRandom rng(long seed, String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ h);
    }
}
