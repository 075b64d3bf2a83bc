package dev.simclr.augment.ops;

/**
 * Separable bilinear (triangle filter) resampling of a crop to a square, the way Pillow's
 * {@code resize(BILINEAR)} does it: per output coordinate a window of source taps with weights
 * {@code 1 - |d|}, the window widened by the scale factor when shrinking (antialiasing; off = plain
 * bilinear sampling as in {@code F.interpolate(antialias=False)}), weights normalised and held in
 * 22-bit fixed point, a horizontal pass over only the rows the vertical pass needs, 8-bit rounding
 * between passes. The crop is read in place (crop and resize are fused) and an optional mirror is
 * folded into the horizontal pass. Integer arithmetic, so results are identical on every JVM.
 */
final class Resampler {

    static final int PRECISION_BITS = 22;
    private static final int HALF = 1 << (PRECISION_BITS - 1);

    private Resampler() {
    }

    /** Tap windows for one axis: {@code start[i]}, {@code count[i]} and {@code weights[i * stride + t]}. */
    record Coefficients(int[] start, int[] count, int[] weights, int stride) {
    }

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
            for (int x = 0; x < n; x++) {
                double w = sum == 0 ? 0 : k[x] / sum;
                weights[base + x] = (int) (0.5 + w * (1 << PRECISION_BITS));
            }
            start[xx] = xmin;
            count[xx] = Math.max(n, 0);
        }
        return new Coefficients(start, count, weights, stride);
    }

    /**
     * Resizes {@code box} of an HWC image ({@code srcWidth} wide, {@code c} channels) to
     * {@code size × size × c} in {@code out}.
     */
    static void resize(byte[] src, int srcWidth, int c, CropBox box, int size, boolean mirror, boolean antialias,
                       byte[] out, Workspace ws) {
        Coefficients h = coefficients(box.width(), size, antialias, ws, 0);
        Coefficients v = coefficients(box.height(), size, antialias, ws, 3);
        int firstRow = v.start()[0];
        int lastRow = v.start()[size - 1] + v.count()[size - 1];
        int rowLen = size * c;
        byte[] tmp = ws.bytes(0, (lastRow - firstRow) * rowLen);
        for (int r = firstRow; r < lastRow; r++) {
            int srcBase = ((box.top() + r) * srcWidth + box.left()) * c;
            int dstBase = (r - firstRow) * rowLen;
            if (c == 1) {
                horizontalGrey(src, srcBase, h, size, mirror, tmp, dstBase);
            } else {
                horizontalRgb(src, srcBase, h, size, mirror, tmp, dstBase);
            }
        }
        vertical(tmp, firstRow, rowLen, v, size, out, ws);
    }

    private static void horizontalGrey(byte[] src, int srcBase, Coefficients h, int size, boolean mirror,
                                       byte[] dst, int dstBase) {
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

    private static void horizontalRgb(byte[] src, int srcBase, Coefficients h, int size, boolean mirror,
                                      byte[] dst, int dstBase) {
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

    private static void vertical(byte[] tmp, int firstRow, int rowLen, Coefficients v, int size, byte[] out, Workspace ws) {
        int[] acc = ws.ints(6, rowLen);
        int[] start = v.start();
        int[] count = v.count();
        int[] weights = v.weights();
        int stride = v.stride();
        for (int yy = 0; yy < size; yy++) {
            java.util.Arrays.fill(acc, 0, rowLen, HALF);
            int kb = yy * stride;
            for (int t = 0, n = count[yy]; t < n; t++) {
                int w = weights[kb + t];
                int rowBase = (start[yy] + t - firstRow) * rowLen;
                for (int i = 0; i < rowLen; i++) {
                    acc[i] += w * (tmp[rowBase + i] & 0xFF);
                }
            }
            int o = yy * rowLen;
            for (int i = 0; i < rowLen; i++) {
                out[o + i] = clip8(acc[i]);
            }
        }
    }

    private static byte clip8(int acc) {
        int v = acc >> PRECISION_BITS;
        return (byte) (v < 0 ? 0 : Math.min(v, 255));
    }
}
