package dev.simclr.model.onnx;

import ai.djl.nn.ParameterList;
import ai.djl.nn.norm.BatchNorm;
import java.lang.reflect.Field;

/**
 * Inference-mode batch normalisation of one DJL {@link BatchNorm}: {@code y = (x - mean) / sqrt(var + eps) * gamma +
 * beta} per channel, as the affine map {@code y = x * scale + shift} computed in double precision.
 *
 * <p>DJL exposes neither epsilon nor the axis; they are read from its private fields, and a DJL version without them
 * fails the export with a clear message rather than guessing.
 */
record BatchNormSpec(float epsilon, float[] gamma, float[] beta, float[] mean, float[] var) {

    static BatchNormSpec of(BatchNorm bn, String path) {
        int axis = (int) field(bn, "axis", path);
        if (axis != 1) {
            throw new UnsupportedBlockException(path + ": BatchNorm over axis " + axis
                    + " is not exportable (ONNX BatchNormalization normalises axis 1)");
        }
        float epsilon = (float) field(bn, "epsilon", path);
        boolean center = (boolean) field(bn, "center", path);
        boolean scale = (boolean) field(bn, "scale", path);
        ParameterList params = bn.getDirectParameters();
        float[] mean = Tensors.floats(params.get("runningMean"), path + "/runningMean");
        float[] var = Tensors.floats(params.get("runningVar"), path + "/runningVar");
        float[] gamma = scale ? Tensors.floats(params.get("gamma"), path + "/gamma") : filled(mean.length, 1f);
        float[] beta = center ? Tensors.floats(params.get("beta"), path + "/beta") : filled(mean.length, 0f);
        if (gamma.length != mean.length || beta.length != mean.length || var.length != mean.length) {
            throw new UnsupportedBlockException(path + ": BatchNorm parameters disagree in size");
        }
        return new BatchNormSpec(epsilon, gamma, beta, mean, var);
    }

    int channels() {
        return mean.length;
    }

    /** {@code gamma / sqrt(var + eps)} per channel. */
    double[] scale() {
        double[] s = new double[channels()];
        for (int c = 0; c < s.length; c++) {
            s[c] = gamma[c] / Math.sqrt((double) var[c] + epsilon);
        }
        return s;
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    private static Object field(BatchNorm bn, String name, String path) {
        try {
            Field f = BatchNorm.class.getDeclaredField(name);
            f.setAccessible(true);
            return f.get(bn);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new UnsupportedBlockException(path + ": cannot read BatchNorm." + name + " from this DJL version ("
                    + e + "); the export would have to guess it");
        }
    }
}
