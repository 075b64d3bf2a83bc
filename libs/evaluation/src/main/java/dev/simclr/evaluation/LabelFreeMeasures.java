package dev.simclr.evaluation;

import ai.djl.ndarray.NDManager;
import dev.simclr.augment.DecodedImage;
import dev.simclr.augment.PolicyConfig;
import dev.simclr.augment.SimClrPolicy;
import dev.simclr.evaluation.data.LabelledImages;
import java.util.SplittableRandom;

/**
 * Quality of a representation without labels (Wang and Isola 2020, "Understanding contrastive representation learning
 * through alignment and uniformity on the hypersphere"), on held-out images already fitted to the model input, with the
 * features before the projection head L2-normalised:
 *
 * <ul>
 *   <li><b>alignment</b> {@code E ||f(x) - f(x+)||²} (alpha 2) over positive pairs: two views of each image drawn by
 *       the default SimCLR policy ({@link PolicyConfig#simclr}, crop inside the image, flip, colour jitter, grayscale
 *       for RGB, blur for views over 64 px), seeded per image so every checkpoint sees the same views. In [0, 4]; lower
 *       = views closer.
 *   <li><b>uniformity</b> {@code log E exp(-2 ||f(x) - f(y)||²)} over all pairs of distinct un-augmented images. In
 *       {@code [-4 - 4/(n-1), 0]} for n images, about -4 at best for large samples; lower = features spread more evenly
 *       over the sphere.
 * </ul>
 *
 * The views come from the evaluation inputs (the canvas at the model's size), not from the source images, and the
 * augmenter's tuned policy (crop scale, jitter strength) is not known here: numbers are comparable between checkpoints
 * and runs of one input size, not with the training loss. Pairs are summed in double precision.
 */
public final class LabelFreeMeasures {

    /** Seed of the views; fixed so every checkpoint is measured on the same pairs. */
    public static final long VIEW_SEED = 0x5EED_A11CL;

    private LabelFreeMeasures() {}

    /**
     * The measures of a sample.
     *
     * @param alignment mean squared distance of positive pairs, in [0, 4]
     * @param uniformity log mean Gaussian potential over distinct pairs, in [-4 - 4/(count-1), 0]
     * @param count images measured
     */
    public record Result(double alignment, double uniformity, int count) {}

    /**
     * A held-out sample to measure, passed to {@link EvaluationProtocol} for the metrics without labels.
     *
     * @param extractor the encoder whose features are measured
     * @param images at least 2 images at the extractor's input shape
     * @param batchSize feature-extraction batch
     * @param name where the images came from, e.g. {@code photos-holdout} (logs, errors, results)
     */
    public record Sample(FeatureExtractor extractor, LabelledImages images, int batchSize, String name) {

        /** Checks that every component is there. */
        public Sample {
            if (extractor == null || images == null || name == null) {
                throw new IllegalArgumentException("a label-free sample needs an extractor, images and " + "a name");
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
            }
        }
    }

    /**
     * Measures {@code images} (at least 2, at the extractor's input shape).
     *
     * @param batchSize feature-extraction batch
     * @param what label for logs and errors
     */
    public static Result measure(
            FeatureExtractor extractor, LabelledImages images, int batchSize, NDManager manager, String what) {
        if (images.count() < 2) {
            throw new IllegalArgumentException(
                    what + ": label-free measures need at least 2 images, got " + images.count());
        }
        FeatureMatrix plain = FeatureExtraction.extract(extractor, images, batchSize, manager, what);
        LabelledImages[] views = views(images);
        FeatureMatrix first = FeatureExtraction.extract(extractor, views[0], batchSize, manager, what + "/view-1");
        FeatureMatrix second = FeatureExtraction.extract(extractor, views[1], batchSize, manager, what + "/view-2");
        return new Result(alignment(first, second), uniformity(plain), images.count());
    }

    /** Two views of every image (image {@code i} from {@code SplittableRandom(VIEW_SEED + i)}). */
    static LabelledImages[] views(LabelledImages images) {
        int side = images.height();
        int c = images.channels();
        int bytes = images.imageBytes();
        SimClrPolicy policy = new SimClrPolicy(PolicyConfig.simclr(side, c));
        byte[] one = new byte[images.count() * bytes];
        byte[] two = new byte[images.count() * bytes];
        byte[] view = new byte[bytes];
        for (int i = 0; i < images.count(); i++) {
            byte[] px = java.util.Arrays.copyOfRange(images.pixels(), i * bytes, (i + 1) * bytes);
            DecodedImage image = new DecodedImage(images.width(), side, c, px);
            SplittableRandom rng = new SplittableRandom(VIEW_SEED + i);
            policy.apply(image, rng, view);
            System.arraycopy(view, 0, one, i * bytes, bytes);
            policy.apply(image, rng, view);
            System.arraycopy(view, 0, two, i * bytes, bytes);
        }
        int[] labels = new int[images.count()];
        return new LabelledImages[] {
            new LabelledImages(side, images.width(), c, one, labels),
            new LabelledImages(side, images.width(), c, two, labels)
        };
    }

    /** {@code mean_i ||a_i/|a_i| - b_i/|b_i| ||²}. */
    static double alignment(FeatureMatrix a, FeatureMatrix b) {
        if (a.rows() != b.rows() || a.dim() != b.dim()) {
            throw new IllegalArgumentException("alignment needs paired features of one shape");
        }
        double[][] x = normalised(a);
        double[][] y = normalised(b);
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += squaredDistance(x[i], y[i]);
        }
        return sum / x.length;
    }

    /** {@code log mean_{i<j} exp(-2 ||f_i - f_j||²)} of the normalised rows. */
    static double uniformity(FeatureMatrix f) {
        double[][] x = normalised(f);
        double sum = 0;
        long pairs = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = i + 1; j < x.length; j++) {
                sum += Math.exp(-2 * squaredDistance(x[i], x[j]));
                pairs++;
            }
        }
        return Math.log(sum / pairs);
    }

    private static double[][] normalised(FeatureMatrix f) {
        double[][] rows = new double[f.rows()][f.dim()];
        for (int i = 0; i < f.rows(); i++) {
            double norm = 0;
            for (int d = 0; d < f.dim(); d++) {
                double v = f.get(i, d);
                rows[i][d] = v;
                norm += v * v;
            }
            double inv = 1 / Math.max(Math.sqrt(norm), 1e-12);
            for (int d = 0; d < f.dim(); d++) {
                rows[i][d] *= inv;
            }
        }
        return rows;
    }

    private static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int d = 0; d < a.length; d++) {
            double diff = a[d] - b[d];
            s += diff * diff;
        }
        return s;
    }
}
