package dev.simclr.augment.resize;

import dev.simclr.augment.DecodedImage;
import java.util.Arrays;

/**
 * uint8 HWC image operations: channel conversion, centre padding, fitting to the model input ({@link #fit}) and
 * antialiased bilinear resizing. The evaluator's preprocessing and the ONNX embedder both use these, so an exported
 * encoder sees exactly the pixels it was evaluated on.
 */
public final class ImageOps {

    private ImageOps() {}

    /**
     * Fits one HWC image (channels already matched) to {@code outH × outW}. Square targets (every model input) use the
     * {@link Canvas} of {@code mode}, i.e. the same canvas and resampler as the training views. Non-square targets keep
     * the plain operations: an equal size is copied, {@code PAD} centres an image that fits, {@code RESIZE} resamples
     * with {@link #resizeBilinear}; anything else is refused.
     *
     * @throws IllegalArgumentException when a non-square target cannot be reached with {@code mode}
     */
    public static void fit(
            byte[] src,
            int offset,
            int h,
            int w,
            int c,
            ResizeMode mode,
            int outH,
            int outW,
            byte[] dst,
            int dstOffset) {
        int bytes = outH * outW * c;
        if (outH == outW) {
            byte[] pixels =
                    offset == 0 && src.length == h * w * c ? src : Arrays.copyOfRange(src, offset, offset + h * w * c);
            DecodedImage image = new DecodedImage(w, h, c, pixels);
            Canvas canvas = new Canvas(mode, outH);
            if (dstOffset == 0 && dst.length == bytes) {
                canvas.fit(image, dst);
            } else {
                System.arraycopy(canvas.fit(image), 0, dst, dstOffset, bytes);
            }
        } else if (h == outH && w == outW) {
            System.arraycopy(src, offset, dst, dstOffset, bytes);
        } else if (mode == ResizeMode.PAD && h <= outH && w <= outW) {
            pad(src, offset, h, w, c, outH, outW, dst, dstOffset);
        } else if (mode == ResizeMode.RESIZE) {
            resizeBilinear(src, offset, h, w, c, outH, outW, dst, dstOffset);
        } else {
            throw new IllegalArgumentException("cannot fit a " + h + "x" + w + " image to the non-square input " + outH
                    + "x" + outW + " with " + mode.id() + " (square inputs take every mode)");
        }
    }

    /** Grey → RGB by replication; RGB → grey by PIL's fixed-point ITU-R 601 luma. */
    public static byte[] convertChannels(byte[] src, int offset, int pixels, int from, int to) {
        byte[] out = new byte[pixels * to];
        if (from == 1 && to == 3) {
            for (int p = 0; p < pixels; p++) {
                byte v = src[offset + p];
                out[3 * p] = v;
                out[3 * p + 1] = v;
                out[3 * p + 2] = v;
            }
        } else if (from == 3 && to == 1) {
            for (int p = 0; p < pixels; p++) {
                int i = offset + 3 * p;
                int r = src[i] & 0xFF;
                int g = src[i + 1] & 0xFF;
                int b = src[i + 2] & 0xFF;
                out[p] = (byte) ((r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16);
            }
        } else {
            throw new IllegalArgumentException("cannot convert " + from + " to " + to + " channels");
        }
        return out;
    }

    /** Centres the image on a zero canvas; the destination region is fully overwritten. */
    public static void pad(byte[] src, int offset, int h, int w, int c, int outH, int outW, byte[] dst, int dstOffset) {
        Arrays.fill(dst, dstOffset, dstOffset + outH * outW * c, (byte) 0);
        int top = (outH - h) / 2;
        int left = (outW - w) / 2;
        for (int y = 0; y < h; y++) {
            System.arraycopy(src, offset + y * w * c, dst, dstOffset + ((top + y) * outW + left) * c, w * c);
        }
    }

    /**
     * Separable bilinear resampling with half-pixel centres; when shrinking, the triangle filter is widened by the
     * scale factor (antialiasing), as PIL does.
     */
    public static void resizeBilinear(
            byte[] src, int offset, int h, int w, int c, int outH, int outW, byte[] dst, int dstOffset) {
        Taps horizontal = Taps.of(w, outW);
        Taps vertical = Taps.of(h, outH);
        float[] rows = new float[h * outW * c];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < outW; x++) {
                int first = horizontal.first[x];
                for (int ch = 0; ch < c; ch++) {
                    float acc = 0f;
                    for (int t = 0; t < horizontal.count[x]; t++) {
                        acc += horizontal.weight[x][t] * (src[offset + (y * w + first + t) * c + ch] & 0xFF);
                    }
                    rows[(y * outW + x) * c + ch] = acc;
                }
            }
        }
        for (int y = 0; y < outH; y++) {
            int first = vertical.first[y];
            for (int x = 0; x < outW; x++) {
                for (int ch = 0; ch < c; ch++) {
                    float acc = 0f;
                    for (int t = 0; t < vertical.count[y]; t++) {
                        acc += vertical.weight[y][t] * rows[((first + t) * outW + x) * c + ch];
                    }
                    int v = Math.round(acc);
                    dst[dstOffset + (y * outW + x) * c + ch] = (byte) Math.max(0, Math.min(255, v));
                }
            }
        }
    }

    /** Normalised triangle-filter taps for one axis. */
    private static final class Taps {
        final int[] first;
        final int[] count;
        final float[][] weight;

        private Taps(int outSize) {
            first = new int[outSize];
            count = new int[outSize];
            weight = new float[outSize][];
        }

        static Taps of(int inSize, int outSize) {
            Taps taps = new Taps(outSize);
            double scale = (double) inSize / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = filterScale;
            for (int o = 0; o < outSize; o++) {
                double center = (o + 0.5) * scale;
                int lo = Math.max((int) (center - support + 0.5), 0);
                int hi = Math.min((int) (center + support + 0.5), inSize);
                float[] ws = new float[Math.max(hi - lo, 1)];
                double total = 0;
                for (int i = lo; i < hi; i++) {
                    double d = Math.abs((i - center + 0.5) / filterScale);
                    double wgt = d < 1 ? 1 - d : 0;
                    ws[i - lo] = (float) wgt;
                    total += wgt;
                }
                if (total <= 0) {
                    lo = Math.min((int) center, inSize - 1);
                    ws = new float[] {1f};
                    total = 1;
                    hi = lo + 1;
                }
                for (int i = 0; i < ws.length; i++) {
                    ws[i] = (float) (ws[i] / total);
                }
                taps.first[o] = lo;
                taps.count[o] = hi - lo;
                taps.weight[o] = ws;
            }
            return taps;
        }
    }
}
