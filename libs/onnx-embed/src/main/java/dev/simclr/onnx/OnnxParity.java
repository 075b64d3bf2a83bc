package dev.simclr.onnx;

import java.util.Locale;

/**
 * Compares two feature matrices of the same images (e.g. DJL's and ONNX Runtime's) element by element: the largest
 * absolute difference, where it is, and the scale of the values. The verdict scales with that scale: a tolerance
 * {@code t} accepts a largest difference up to {@code t * max(1, largest |reference value|)}, because fp32 rounding
 * grows with the magnitude of the features (an absolute 1e-4 on features near 1e3 would fail sound exports).
 */
public final class OnnxParity {

    private OnnxParity() {}

    /**
     * The comparison of two row-major matrices.
     *
     * @param reference {@code rows x dim} values, e.g. from the training framework
     * @param candidate {@code rows x dim} values, e.g. from ONNX Runtime
     * @throws IllegalArgumentException when the shapes differ
     */
    public static Report compare(float[] reference, float[] candidate, int rows, int dim) {
        if (rows < 1 || dim < 1 || reference.length != (long) rows * dim || candidate.length != (long) rows * dim) {
            throw new IllegalArgumentException("parity needs two " + rows + "x" + dim + " matrices, got "
                    + reference.length + " and " + candidate.length + " values");
        }
        double max = -1;
        int at = 0;
        double sum = 0;
        double maxAbsValue = 0;
        for (int i = 0; i < reference.length; i++) {
            double d = Math.abs((double) reference[i] - candidate[i]);
            if (Double.isNaN(d)) {
                d = Double.POSITIVE_INFINITY;
            }
            if (d > max) {
                max = d;
                at = i;
            }
            sum += d;
            maxAbsValue = Math.max(maxAbsValue, Math.abs(reference[i]));
        }
        return new Report(
                rows, dim, max, sum / reference.length, at / dim, at % dim, reference[at], candidate[at], maxAbsValue);
    }

    /**
     * As {@link #compare(float[], float[], int, int)} for rows of equal length.
     *
     * @throws IllegalArgumentException when the shapes differ
     */
    public static Report compare(float[][] reference, float[][] candidate) {
        if (reference.length != candidate.length || reference.length == 0) {
            throw new IllegalArgumentException("parity needs the same number (>= 1) of rows, got " + reference.length
                    + " and " + candidate.length);
        }
        int dim = reference[0].length;
        return compare(
                flatten(reference, dim, "reference"), flatten(candidate, dim, "candidate"), reference.length, dim);
    }

    private static float[] flatten(float[][] rows, int dim, String what) {
        float[] out = new float[Math.multiplyExact(rows.length, dim)];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != dim) {
                throw new IllegalArgumentException(
                        "parity: " + what + " row " + r + " has " + rows[r].length + " values, expected " + dim);
            }
            System.arraycopy(rows[r], 0, out, r * dim, dim);
        }
        return out;
    }

    /**
     * A parity measurement.
     *
     * @param rows images compared
     * @param dim features per image
     * @param maxAbsDiff largest absolute difference (infinite when a value is NaN on one side)
     * @param meanAbsDiff mean absolute difference
     * @param row image of the largest difference
     * @param col feature of the largest difference
     * @param referenceValue the reference value there
     * @param candidateValue the candidate value there
     * @param maxAbsValue largest absolute reference value (the scale of the features)
     */
    public record Report(
            int rows,
            int dim,
            double maxAbsDiff,
            double meanAbsDiff,
            int row,
            int col,
            float referenceValue,
            float candidateValue,
            double maxAbsValue) {

        /** The largest accepted difference for {@code tolerance}: {@code tolerance * max(1, maxAbsValue)}. */
        public double allowed(double tolerance) {
            return tolerance * Math.max(1.0, maxAbsValue);
        }

        /** True when {@link #maxAbsDiff()} is at most {@link #allowed(double) allowed(tolerance)}. */
        public boolean within(double tolerance) {
            return maxAbsDiff <= allowed(tolerance);
        }

        /**
         * One line, e.g. {@code max |diff| 2.4e-06 at image 3, feature 17 (reference 0.81234, candidate 0.81234); mean
         * |diff| 3.1e-07 over 256x512 features (largest |value| 4.2)}.
         */
        public String describe() {
            return String.format(
                    Locale.ROOT,
                    "max |diff| %.3g at image %d, feature %d (reference %s, candidate %s); "
                            + "mean |diff| %.3g over %dx%d features (largest |value| %.4g)",
                    maxAbsDiff,
                    row,
                    col,
                    referenceValue,
                    candidateValue,
                    meanAbsDiff,
                    rows,
                    dim,
                    maxAbsValue);
        }

        /**
         * {@link #describe()} with the verdict, e.g. {@code ...; EXCEEDS the allowed 4.2e-04 (tolerance 1.0e-04 x
         * max(1, largest |value| 4.2))}.
         */
        public String describe(double tolerance) {
            return describe()
                    + (within(tolerance) ? "; within" : "; EXCEEDS")
                    + String.format(
                            Locale.ROOT,
                            " the allowed %.2g (tolerance %.1e x max(1, largest |value| %.4g))",
                            allowed(tolerance),
                            tolerance,
                            maxAbsValue);
        }
    }
}
