package dev.simclr.augment.ops;

/**
 * Separable Gaussian blur with torchvision's kernel ({@code exp(-x²/2σ²)} on {@code x = -(k-1)/2 .. (k-1)/2},
 * normalised) and reflect padding. The kernel is held in 14-bit fixed point summing to exactly 1; taps that round to
 * zero are dropped (they contribute nothing), the horizontal pass keeps 8 extra bits, and the vertical pass rounds once
 * to uint8.
 */
public final class GaussianBlur {

    static final int KERNEL_BITS = 14;
    private static final int MID_SHIFT = 6;
    private static final int OUT_SHIFT = 2 * KERNEL_BITS - MID_SHIFT;

    private GaussianBlur() {}

    /** SimCLR's kernel size for a side: 10 % of it, made odd, at least 3. */
    public static int kernelSizeFor(int side) {
        int k = (int) (0.1 * side);
        if (k % 2 == 0) {
            k++;
        }
        return Math.max(k, 3);
    }

    /** The normalised float kernel of odd {@code size} for {@code sigma} > 0. */
    public static double[] kernel(int size, double sigma) {
        if (size < 1 || size % 2 == 0) {
            throw new IllegalArgumentException("kernel size must be odd and ≥ 1, got " + size);
        }
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("sigma must be > 0, got " + sigma);
        }
        double half = (size - 1) * 0.5;
        double[] k = new double[size];
        double sum = 0;
        for (int i = 0; i < size; i++) {
            double x = (i - half) / sigma;
            k[i] = StrictMath.exp(-0.5 * x * x);
            sum += k[i];
        }
        for (int i = 0; i < size; i++) {
            k[i] /= sum;
        }
        return k;
    }

    /**
     * The kernel in {@value #KERNEL_BITS}-bit fixed point: symmetric, sum exactly {@code 1 << 14}, zero tails trimmed.
     */
    public static int[] fixedPointKernel(double[] k) {
        int n = k.length;
        int half = n / 2;
        int[] q = new int[n];
        int sum = 0;
        for (int i = 0; i < n; i++) {
            q[i] = (int) Math.round(k[i] * (1 << KERNEL_BITS));
            sum += q[i];
        }
        q[half] += (1 << KERNEL_BITS) - sum;
        int trim = 0;
        while (trim < half && q[trim] == 0) {
            trim++;
        }
        return java.util.Arrays.copyOfRange(q, trim, n - trim);
    }

    /**
     * Blurs {@code src} ({@code width × height × channels}) into {@code dst} (may not alias src) with a kernel of odd
     * {@code size} and {@code sigma}.
     */
    public static void apply(
            byte[] src, byte[] dst, int width, int height, int channels, int size, double sigma, Workspace ws) {
        int[] k = fixedPointKernel(kernel(size, sigma));
        int half = k.length / 2;
        int rowLen = width * channels;
        int n = rowLen * height;
        if (k.length == 1) {
            System.arraycopy(src, 0, dst, 0, n);
            return;
        }
        int[] tmp = ws.ints(0, n);
        int padLen = (width + 2 * half) * channels;
        byte[] padded = ws.bytes(3, padLen);
        int[] column = ws.ints(1, width + 2 * half);
        for (int x = -half; x < width + half; x++) {
            column[x + half] = reflect(x, width);
        }
        int midRound = 1 << (MID_SHIFT - 1);
        for (int y = 0; y < height; y++) {
            int base = y * rowLen;
            for (int x = 0; x < width + 2 * half; x++) {
                System.arraycopy(src, base + column[x] * channels, padded, x * channels, channels);
            }
            horizontalRow(padded, half * channels, channels, k, half, rowLen, tmp, base, midRound);
        }
        int[] acc = ws.ints(2, rowLen);
        int round = 1 << (OUT_SHIFT - 1);
        int w0 = k[half];
        for (int y = 0; y < height; y++) {
            int center = y * rowLen;
            for (int i = 0; i < rowLen; i++) {
                acc[i] = round + w0 * tmp[center + i];
            }
            for (int t = 1; t <= half; t++) {
                int w = k[half + t];
                int up = reflect(y - t, height) * rowLen;
                int down = reflect(y + t, height) * rowLen;
                for (int i = 0; i < rowLen; i++) {
                    acc[i] += w * (tmp[up + i] + tmp[down + i]);
                }
            }
            for (int i = 0; i < rowLen; i++) {
                dst[center + i] = (byte) Math.min(acc[i] >> OUT_SHIFT, 255);
            }
        }
    }

    /** One reflect-padded row: {@code out[i] = (Σ k·x + round) >> 6}, i.e. the sum with 8 fractional bits. */
    private static void horizontalRow(
            byte[] padded, int origin, int c, int[] k, int half, int rowLen, int[] out, int outBase, int round) {
        int w0 = k[half];
        for (int i = 0; i < rowLen; i++) {
            out[outBase + i] = round + w0 * (padded[origin + i] & 0xFF);
        }
        for (int t = 1; t <= half; t++) {
            int w = k[half + t];
            int lo = origin - t * c;
            int hi = origin + t * c;
            for (int i = 0; i < rowLen; i++) {
                out[outBase + i] += w * ((padded[lo + i] & 0xFF) + (padded[hi + i] & 0xFF));
            }
        }
        for (int i = 0; i < rowLen; i++) {
            out[outBase + i] >>= MID_SHIFT;
        }
    }

    /** Mirror index without repeating the edge (torch/numpy "reflect"), for any {@code i}. */
    static int reflect(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int m = Math.abs(i) % period;
        return m < n ? m : period - m;
    }
}
