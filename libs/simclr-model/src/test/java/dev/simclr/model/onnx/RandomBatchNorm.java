package dev.simclr.model.onnx;

import ai.djl.nn.Block;
import ai.djl.nn.norm.BatchNorm;
import java.nio.FloatBuffer;
import java.util.SplittableRandom;

/** Gives every BatchNorm below a block non-trivial statistics, so parity tests exercise them. */
final class RandomBatchNorm {

    private RandomBatchNorm() {}

    /**
     * Sets gamma U(0.4, 1.0), beta N(0, 0.2), running mean N(0, 0.2), running variance U(0.75, 2): every statistic
     * differs from the identity, while activations stay at the scale of a trained network (features mostly below ~20)
     * instead of growing through dozens of residual blocks.
     *
     * @return the number of BatchNorm blocks changed
     */
    static int apply(Block root, long seed) {
        return visit(root, new SplittableRandom(seed));
    }

    private static int visit(Block block, SplittableRandom rng) {
        int count = 0;
        if (block instanceof BatchNorm) {
            var p = block.getDirectParameters();
            int n = Math.toIntExact(p.get("gamma").getArray().getShape().size());
            p.get("gamma").getArray().set(FloatBuffer.wrap(draw(rng, n, 0.4, 1.0, false)));
            p.get("beta").getArray().set(FloatBuffer.wrap(draw(rng, n, 0, 0.2, true)));
            p.get("runningMean").getArray().set(FloatBuffer.wrap(draw(rng, n, 0, 0.2, true)));
            p.get("runningVar").getArray().set(FloatBuffer.wrap(draw(rng, n, 0.75, 2.0, false)));
            count++;
        }
        for (var child : block.getChildren()) {
            count += visit(child.getValue(), rng);
        }
        return count;
    }

    private static float[] draw(SplittableRandom rng, int n, double a, double b, boolean normal) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (normal ? a + b * rng.nextGaussian() : a + (b - a) * rng.nextDouble());
        }
        return v;
    }
}
