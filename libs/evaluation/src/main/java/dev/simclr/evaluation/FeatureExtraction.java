package dev.simclr.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.simclr.evaluation.data.LabelledImages;
import dev.simclr.evaluation.data.ProgressLog;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link FeatureExtractor} over a split in batches: uint8 NHWC → float NCHW, {@code /255}, model normalisation,
 * embed, copy to a {@link FeatureMatrix}; logs images/s and ETA.
 */
public final class FeatureExtraction {

    private static final Logger LOG = LoggerFactory.getLogger(FeatureExtraction.class);

    private FeatureExtraction() {}

    /**
     * Extracts features of every image, in order.
     *
     * @param what a label for logs and errors, e.g. {@code fashion-mnist/train}
     * @throws IllegalArgumentException when the images do not have the extractor's input shape
     * @throws IllegalStateException when the extractor returns a wrong shape or non-finite values
     */
    public static FeatureMatrix extract(
            FeatureExtractor extractor, LabelledImages images, int batchSize, NDManager manager, String what) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        InputSpec spec = extractor.inputSpec();
        if (images.height() != spec.height()
                || images.width() != spec.width()
                || images.channels() != spec.channels()) {
            throw new IllegalArgumentException(what + ": images are " + images.height() + "x"
                    + images.width() + "x" + images.channels() + " but the model expects " + spec.height()
                    + "x" + spec.width() + "x" + spec.channels() + "; load the eval set with the model's "
                    + "preprocessing");
        }
        int n = images.count();
        int bytes = images.imageBytes();
        int c = spec.channels();
        ProgressLog progress = new ProgressLog(LOG, "features " + what, "images", n, 10);
        float[] out = null;
        int dim = -1;
        try (NDManager own = manager.newSubManager()) {
            NDArray mean = own.create(floats(spec.mean().stream()
                            .mapToDouble(Double::doubleValue)
                            .toArray()))
                    .reshape(1, c, 1, 1);
            NDArray std = own.create(floats(
                            spec.std().stream().mapToDouble(Double::doubleValue).toArray()))
                    .reshape(1, c, 1, 1);
            for (int start = 0; start < n; start += batchSize) {
                int end = Math.min(n, start + batchSize);
                int b = end - start;
                try (NDManager scope = own.newSubManager()) {
                    byte[] chunk = Arrays.copyOfRange(images.pixels(), start * bytes, end * bytes);
                    NDArray u8 = scope.create(
                            ByteBuffer.wrap(chunk), new Shape(b, images.height(), images.width(), c), DataType.UINT8);
                    NDArray x = u8.toType(DataType.FLOAT32, false)
                            .div(255f)
                            .transpose(0, 3, 1, 2)
                            .sub(mean)
                            .div(std);
                    NDArray f = extractor.embed(x);
                    Shape shape = f.getShape();
                    if (shape.dimension() != 2 || shape.get(0) != b || shape.get(1) < 1) {
                        throw new IllegalStateException(what + ": the feature extractor returned shape " + shape
                                + " for a batch of " + b + " images; expected (" + b + ", D)");
                    }
                    if (dim < 0) {
                        dim = Math.toIntExact(shape.get(1));
                        long total = (long) n * dim;
                        if (total > Integer.MAX_VALUE - 8) {
                            throw new IllegalStateException(
                                    what + ": " + n + " x " + dim + " features do not fit one array");
                        }
                        out = new float[(int) total];
                    } else if (shape.get(1) != dim) {
                        throw new IllegalStateException(what + ": feature size changed from " + dim + " to "
                                + shape.get(1) + " at image " + start);
                    }
                    float[] values = f.toType(DataType.FLOAT32, false).toFloatArray();
                    for (int i = 0; i < values.length; i++) {
                        if (!Float.isFinite(values[i])) {
                            throw new IllegalStateException(what + ": the feature extractor returned a "
                                    + "non-finite value (" + values[i] + ") for image " + (start + i / dim));
                        }
                    }
                    System.arraycopy(values, 0, out, start * dim, values.length);
                }
                progress.update(end);
            }
        }
        return FeatureMatrix.wrap(out, n, dim);
    }

    private static float[] floats(double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }
}
