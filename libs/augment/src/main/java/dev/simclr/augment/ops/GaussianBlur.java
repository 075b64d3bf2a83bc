package dev.simclr.augment.ops;

/**
 * Separable Gaussian blur with torchvision's kernel ({@code exp(-x²/2σ²)} on
 * {@code x = -(k-1)/2 .. (k-1)/2}, normalised) and reflect padding. The kernel is held in 14-bit
 * fixed point summing to exactly 1; taps that round to zero are dropped (they contribute nothing),
 * the horizontal pass keeps 8 extra bits, and the vertical pass rounds once to uint8.
 */
public final class GaussianBlur {

    static final int KERNEL_BITS = 14;
    private static final int MID_SHIFT = 6;
    private static final int OUT_SHIFT = 2 * KERNEL_BITS - MID_SHIFT;

    private GaussianBlur() {
    }

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

    /** The kernel in {@value #KERNEL_BITS}-bit fixed point: symmetric, sum exactly {@code 1 << 14}, zero tails trimmed. */
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
     * Blurs {@code src} ({@code width × height × channels}) into {@code dst} (may not alias src)
     * with a kernel of odd {@code size} and {@code sigma}.
     */
    public static void apply(byte[] src, byte[] dst, int width, int height, int channels, int size, double sigma,
                             Workspace ws) {
        int[] k = fixedPointKernel(kernel(size, sigma));
        int half = k.length / 2;
        int rowLen = width * channels;
        int n = rowLen * height;
        if (k.length == 1) {
            System.arraycopy(src, 0, dst, 0, n);
            return;
        }
        int[] tmp = ws.ints(0, n);
        int[] acc = ws.ints(1, rowLen);
        for (int y = 0; y < height; y++) {
            horizontalRow(src, y * rowLen, width, channels, k, half, acc);
            System.arraycopy(acc, 0, tmp, y * rowLen, rowLen);
        }
        int round = 1 << (OUT_SHIFT - 1);
        for (int y = 0; y < height; y++) {
            int center = y * rowLen;
            java.util.Arrays.fill(acc, 0, rowLen, round);
            int w0 = k[half];
            for (int i = 0; i < rowLen; i++) {
                acc[i] += w0 * tmp[center + i];
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
                int v = acc[i] >> OUT_SHIFT;
                dst[center + i] = (byte) Math.min(v, 255);
            }
        }
    }

    /** One row: {@code acc[i] = Σ k·x} rounded to {@value #KERNEL_BITS} − 6 fractional bits. */
    private static void horizontalRow(byte[] src, int base, int width, int c, int[] k, int half, int[] acc) {
        int rowLen = width * c;
        int w0 = k[half];
        int round = 1 << (MID_SHIFT - 1);
        for (int i = 0; i < rowLen; i++) {
            acc[i] = round + w0 * (src[base + i] & 0xFF);
        }
        int lo = Math.min(half * c, rowLen);
        int hi = Math.max(rowLen - half * c, lo);
        for (int t = 1; t <= half; t++) {
            int w = k[half + t];
            int off = t * c;
            for (int i = lo; i < hi; i++) {
                acc[i] += w * ((src[base + i - off] & 0xFF) + (src[base + i + off] & 0xFF));
            }
        }
        for (int i = 0; i < rowLen; i++) {
            if (i == lo) {
                i = hi;
                if (i >= rowLen) {
                    break;
                }
            }
            int x = i / c;
            int ch = i - x * c;
            for (int t = 1; t <= half; t++) {
                int a = reflect(x - t, width) * c + ch;
                int b = reflect(x + t, width) * c + ch;
                acc[i] += k[half + t] * ((src[base + a] & 0xFF) + (src[base + b] & 0xFF));
            }
        }
        for (int i = 0; i < rowLen; i++) {
            acc[i] >>= MID_SHIFT;
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
