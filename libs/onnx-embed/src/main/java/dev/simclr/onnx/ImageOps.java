package dev.simclr.onnx;

import java.util.Arrays;

/**
 * uint8 HWC operations of {@link ImagePreprocessor}. The arithmetic is that of libs/evaluation's
 * {@code ImageOps} (which depends on DJL and so cannot be used here); {@code
 * ImagePreprocessorTest} checks byte equality against it.
 */
final class ImageOps {

  private ImageOps() {}

  /** Grey to RGB by replication; RGB to grey by PIL's fixed-point ITU-R 601 luma. */
  static byte[] convertChannels(byte[] src, int pixels, int from, int to) {
    byte[] out = new byte[pixels * to];
    if (from == 1 && to == 3) {
      for (int p = 0; p < pixels; p++) {
        byte v = src[p];
        out[3 * p] = v;
        out[3 * p + 1] = v;
        out[3 * p + 2] = v;
      }
    } else if (from == 3 && to == 1) {
      for (int p = 0; p < pixels; p++) {
        int r = src[3 * p] & 0xFF;
        int g = src[3 * p + 1] & 0xFF;
        int b = src[3 * p + 2] & 0xFF;
        out[p] = (byte) ((r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16);
      }
    } else {
      throw new IllegalArgumentException("cannot convert " + from + " to " + to + " channels");
    }
    return out;
  }

  /** Centres the image on a zero canvas of {@code outH x outW}. */
  static byte[] pad(byte[] src, int h, int w, int c, int outH, int outW) {
    byte[] dst = new byte[outH * outW * c];
    int top = (outH - h) / 2;
    int left = (outW - w) / 2;
    for (int y = 0; y < h; y++) {
      System.arraycopy(src, y * w * c, dst, ((top + y) * outW + left) * c, w * c);
    }
    return dst;
  }

  /**
   * Separable bilinear resampling with half-pixel centres; when shrinking, the triangle filter is
   * widened by the scale factor (antialiasing), as PIL does. Horizontal pass first, float
   * accumulation, rounding to nearest at the end.
   */
  static byte[] resizeBilinear(byte[] src, int h, int w, int c, int outH, int outW) {
    Taps horizontal = Taps.of(w, outW);
    Taps vertical = Taps.of(h, outH);
    float[] rows = new float[h * outW * c];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < outW; x++) {
        int first = horizontal.first[x];
        for (int ch = 0; ch < c; ch++) {
          float acc = 0f;
          for (int t = 0; t < horizontal.count[x]; t++) {
            acc += horizontal.weight[x][t] * (src[(y * w + first + t) * c + ch] & 0xFF);
          }
          rows[(y * outW + x) * c + ch] = acc;
        }
      }
    }
    byte[] dst = new byte[outH * outW * c];
    for (int y = 0; y < outH; y++) {
      int first = vertical.first[y];
      for (int x = 0; x < outW; x++) {
        for (int ch = 0; ch < c; ch++) {
          float acc = 0f;
          for (int t = 0; t < vertical.count[y]; t++) {
            acc += vertical.weight[y][t] * rows[((first + t) * outW + x) * c + ch];
          }
          dst[(y * outW + x) * c + ch] = (byte) Math.max(0, Math.min(255, Math.round(acc)));
        }
      }
    }
    return dst;
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
      double support = Math.max(scale, 1.0);
      for (int o = 0; o < outSize; o++) {
        double center = (o + 0.5) * scale;
        int lo = Math.max((int) (center - support + 0.5), 0);
        int hi = Math.min((int) (center + support + 0.5), inSize);
        float[] ws = new float[Math.max(hi - lo, 1)];
        double total = 0;
        for (int i = lo; i < hi; i++) {
          double d = Math.abs((i - center + 0.5) / support);
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
        taps.weight[o] = Arrays.copyOf(ws, ws.length);
      }
      return taps;
    }
  }
}
