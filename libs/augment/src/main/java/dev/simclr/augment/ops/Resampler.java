package dev.simclr.augment.ops;

/**
 * Separable bilinear (triangle filter) resampling of a crop to a square, the way Pillow's {@code resize(BILINEAR)} does
 * it: per output coordinate a window of source taps with weights {@code 1 - |d|}, the window widened by the scale
 * factor when shrinking (antialiasing; off = plain bilinear sampling as in {@code F.interpolate(antialias=False)}),
 * weights normalised and held in 22-bit fixed point, a horizontal pass over only the rows the vertical pass needs,
 * 8-bit rounding between passes. The crop is read in place (crop and resize are fused) and an optional mirror is folded
 * into the horizontal pass. Integer arithmetic, so results are identical on every JVM.
 */
public final class Resampler {

    static final int PRECISION_BITS = 22;
    private static final int HALF = 1 << (PRECISION_BITS - 1);

    private Resampler() {}

    /** Tap windows for one axis: {@code start[i]}, {@code count[i]} and {@code weights[i * stride + t]}. */
    record Coefficients(int[] start, int[] count, int[] weights, int stride) {}

    /** Pillow's {@code precompute_coeffs} for a source extent {@code inSize} mapped to {@code outSize}. */
    static Coefficients coefficients(int inSize, int outSize, boolean antialias, Workspace ws, int slot) {
        double scale = (double) inSize / outSize;
        double filterScale = antialias ? Math.max(scale, 1.0) : 1.0;
        double support = filterScale;
        int stride = (int) Math.ceil(support) * 2 + 1;
        int[] start = ws.ints(slot, outSize);
        int[] count = ws.ints(slot + 1, outSize);
        int[] weights = ws.ints(slot + 2, outSize * stride);
        double[] k = ws.zeroedDoubles(0, stride);
        double inv = 1.0 / filterScale;
        for (int xx = 0; xx < outSize; xx++) {
            double center = (xx + 0.5) * scale;
            int xmin = Math.max((int) (center - support + 0.5), 0);
            int n = Math.min(Math.min((int) (center + support + 0.5), inSize) - xmin, stride);
            double sum = 0;
            for (int x = 0; x < n; x++) {
                double d = Math.abs((x + xmin - center + 0.5) * inv);
                double w = d < 1.0 ? 1.0 - d : 0.0;
                k[x] = w;
                sum += w;
            }
            int base = xx * stride;
            int first = -1;
            int last = -1;
            for (int x = 0; x < n; x++) {
                double w = sum == 0 ? 0 : k[x] / sum;
                int q = (int) (0.5 + w * (1 << PRECISION_BITS));
                if (q != 0) {
                    first = first < 0 ? x : first;
                    last = x;
                }
                k[x] = q;
            }
            // zero-weight taps at either end contribute nothing: drop them (2 taps instead of 3 when upscaling)
            first = Math.max(first, 0);
            int kept = Math.max(last - first + 1, 0);
            for (int t = 0; t < kept; t++) {
                weights[base + t] = (int) k[first + t];
            }
            start[xx] = Math.min(xmin + first, inSize - 1);
            count[xx] = kept;
        }
        return new Coefficients(start, count, weights, stride);
    }

    /**
     * Resizes {@code box} of an HWC image ({@code srcWidth} wide, {@code c} channels) to {@code size × size × c} in
     * {@code out}. The pass order is chosen by estimated cost (the horizontal pass gathers and costs about four times a
     * vertical multiply-add): shrinking a tall crop runs the vertical pass first, so fewer rows go through the
     * horizontal pass. Either order is deterministic for given sizes.
     */
    public static void resize(
            byte[] src,
            int srcWidth,
            int c,
            CropBox box,
            int size,
            boolean mirror,
            boolean antialias,
            byte[] out,
            Workspace ws) {
        Coefficients h = coefficients(box.width(), size, antialias, ws, 0);
        Coefficients v = coefficients(box.height(), size, antialias, ws, 3);
        int firstRow = v.start()[0];
        int lastRow = v.start()[size - 1] + v.count()[size - 1];
        long hTaps = taps(h, size);
        long vTaps = taps(v, size);
        long horizontalFirst = 4L * (lastRow - firstRow) * size * hTaps + (long) size * size * vTaps;
        long verticalFirst = (long) size * box.width() * vTaps + 4L * size * size * hTaps;
        int[] acc = ws.ints(6, Math.max(size, box.width()) * c);
        int srcStride = srcWidth * c;
        int cropBase = (box.top() * srcWidth + box.left()) * c;
        if (verticalFirst < horizontalFirst) {
            int midLen = box.width() * c;
            byte[] mid = ws.bytes(0, size * midLen);
            vertical(src, cropBase, srcStride, 0, midLen, v, size, mid, acc);
            for (int yy = 0; yy < size; yy++) {
                horizontal(mid, yy * midLen, c, h, size, mirror, out, yy * size * c);
            }
        } else {
            int rowLen = size * c;
            byte[] mid = ws.bytes(0, (lastRow - firstRow) * rowLen);
            for (int r = firstRow; r < lastRow; r++) {
                horizontal(src, cropBase + r * srcStride, c, h, size, mirror, mid, (r - firstRow) * rowLen);
            }
            vertical(mid, 0, rowLen, firstRow, rowLen, v, size, out, acc);
        }
    }

    private static long taps(Coefficients k, int size) {
        long n = 0;
        for (int i = 0; i < size; i++) {
            n += k.count()[i];
        }
        return Math.max(1, n / size);
    }

    private static void horizontal(
            byte[] src, int srcBase, int c, Coefficients h, int size, boolean mirror, byte[] dst, int dstBase) {
        if (c == 1) {
            horizontalGrey(src, srcBase, h, size, mirror, dst, dstBase);
        } else {
            horizontalRgb(src, srcBase, h, size, mirror, dst, dstBase);
        }
    }

    private static void horizontalGrey(
            byte[] src, int srcBase, Coefficients h, int size, boolean mirror, byte[] dst, int dstBase) {
        int[] start = h.start();
        int[] count = h.count();
        int[] weights = h.weights();
        int stride = h.stride();
        for (int xx = 0; xx < size; xx++) {
            int p = srcBase + start[xx];
            int kb = xx * stride;
            int acc = HALF;
            for (int t = 0, n = count[xx]; t < n; t++) {
                acc += weights[kb + t] * (src[p + t] & 0xFF);
            }
            dst[dstBase + (mirror ? size - 1 - xx : xx)] = clip8(acc);
        }
    }

    private static void horizontalRgb(
            byte[] src, int srcBase, Coefficients h, int size, boolean mirror, byte[] dst, int dstBase) {
        int[] start = h.start();
        int[] count = h.count();
        int[] weights = h.weights();
        int stride = h.stride();
        for (int xx = 0; xx < size; xx++) {
            int p = srcBase + start[xx] * 3;
            int kb = xx * stride;
            int r = HALF;
            int g = HALF;
            int b = HALF;
            for (int t = 0, n = count[xx]; t < n; t++, p += 3) {
                int w = weights[kb + t];
                r += w * (src[p] & 0xFF);
                g += w * (src[p + 1] & 0xFF);
                b += w * (src[p + 2] & 0xFF);
            }
            int o = dstBase + (mirror ? size - 1 - xx : xx) * 3;
            dst[o] = clip8(r);
            dst[o + 1] = clip8(g);
            dst[o + 2] = clip8(b);
        }
    }

    /**
     * Vertical pass: output row {@code yy} = Σ weights × input rows {@code start[yy] + t - rowOffset}, over
     * {@code rowLen} samples.
     */
    private static void vertical(
            byte[] in,
            int inBase,
            int inStride,
            int rowOffset,
            int rowLen,
            Coefficients v,
            int size,
            byte[] out,
            int[] acc) {
        int[] start = v.start();
        int[] count = v.count();
        int[] weights = v.weights();
        int stride = v.stride();
        for (int yy = 0; yy < size; yy++) {
            java.util.Arrays.fill(acc, 0, rowLen, HALF);
            int kb = yy * stride;
            for (int t = 0, n = count[yy]; t < n; t++) {
                int w = weights[kb + t];
                int rowBase = inBase + (start[yy] + t - rowOffset) * inStride;
                for (int i = 0; i < rowLen; i++) {
                    acc[i] += w * (in[rowBase + i] & 0xFF);
                }
            }
            int o = yy * rowLen;
            for (int i = 0; i < rowLen; i++) {
                out[o + i] = (byte) Math.min(acc[i] >> PRECISION_BITS, 255);
            }
        }
    }

    /**
     * The triangle filter has no negative lobes, so the sum is never negative, and the rounded weights exceed {@code 1
     * << 22} by at most half a unit per tap, so the value is at most 255.
     */
    private static byte clip8(int acc) {
        return (byte) Math.min(acc >> PRECISION_BITS, 255);
    }
}
