package dev.simclr.evaluation;

import java.util.SplittableRandom;

/** Test data: labelled Gaussian features. */
final class Blobs {

    final FeatureMatrix features;
    final int[] labels;

    private Blobs(FeatureMatrix features, int[] labels) {
        this.features = features;
        this.labels = labels;
    }

    /**
     * {@code n} points, label {@code i % classes}; coordinate {@code label} is shifted by {@code shift} (when
     * {@code shift != 0}), every coordinate gets N(0, sigma^2) noise.
     */
    static Blobs axisMeans(int n, int dim, int classes, double shift, double sigma, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n * dim];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % classes;
            for (int d = 0; d < dim; d++) {
                x[i * dim + d] = (float) (sigma * rng.nextGaussian());
            }
            x[i * dim + y[i]] += (float) shift;
        }
        return new Blobs(FeatureMatrix.wrap(x, n, dim), y);
    }

    /** Two classes at {@code -mu} and {@code +mu} on coordinate 0, unit noise everywhere. */
    static Blobs twoClasses(int n, int dim, double mu, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n * dim];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            for (int d = 0; d < dim; d++) {
                x[i * dim + d] = (float) rng.nextGaussian();
            }
            x[i * dim] += (float) (y[i] == 1 ? mu : -mu);
        }
        return new Blobs(FeatureMatrix.wrap(x, n, dim), y);
    }

    /** Random features and random labels (no signal). */
    static Blobs noise(int n, int dim, int classes, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n * dim];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(classes);
            for (int d = 0; d < dim; d++) {
                x[i * dim + d] = (float) rng.nextGaussian();
            }
        }
        return new Blobs(FeatureMatrix.wrap(x, n, dim), y);
    }
}
