package dev.simclr.evaluation;

/**
 * A dense {@code rows x dim} float matrix, row-major in one array (one row per image). The array is shared, not copied.
 */
public final class FeatureMatrix {

    private final int rows;
    private final int dim;
    private final float[] data;

    private FeatureMatrix(int rows, int dim, float[] data) {
        this.rows = rows;
        this.dim = dim;
        this.data = data;
    }

    /**
     * Wraps row-major data.
     *
     * @throws IllegalArgumentException when sizes disagree or are below 1
     */
    public static FeatureMatrix wrap(float[] data, int rows, int dim) {
        if (rows < 1 || dim < 1) {
            throw new IllegalArgumentException("feature matrix needs >= 1 row and column, got " + rows + "x" + dim);
        }
        if (data == null || data.length != (long) rows * dim) {
            throw new IllegalArgumentException("feature matrix " + rows + "x" + dim + " needs " + (long) rows * dim
                    + " values, got " + (data == null ? "null" : data.length));
        }
        return new FeatureMatrix(rows, dim, data);
    }

    /**
     * Copies rows of equal length.
     *
     * @throws IllegalArgumentException when there are no rows or they differ in length
     */
    public static FeatureMatrix of(float[][] rows) {
        if (rows == null || rows.length == 0 || rows[0] == null) {
            throw new IllegalArgumentException("feature matrix needs at least one row");
        }
        int dim = rows[0].length;
        float[] data = new float[Math.multiplyExact(rows.length, dim)];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] == null || rows[r].length != dim) {
                throw new IllegalArgumentException("feature row " + r + " has "
                        + (rows[r] == null ? "no" : rows[r].length) + " values, row 0 has " + dim);
            }
            System.arraycopy(rows[r], 0, data, r * dim, dim);
        }
        return wrap(data, rows.length, dim);
    }

    public int rows() {
        return rows;
    }

    public int dim() {
        return dim;
    }

    /** The row-major values (shared). */
    public float[] data() {
        return data;
    }

    /** One value. */
    public float get(int row, int col) {
        return data[row * dim + col];
    }
}
