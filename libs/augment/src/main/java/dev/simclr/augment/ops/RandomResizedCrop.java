package dev.simclr.augment.ops;

import dev.simclr.augment.DecodedImage;
import java.util.SplittableRandom;

/**
 * torchvision's {@code RandomResizedCrop}: a crop with area fraction drawn uniformly from {@code scale} and aspect
 * ratio log-uniformly from {@code ratio}, up to 10 attempts, then the central crop clamped to the ratio range; the crop
 * is resized to {@code size × size} with {@link Resampler} (bilinear, antialiased when shrinking as Pillow does). Draw
 * order per attempt: area, log-ratio; after a fitting attempt: top, then left.
 */
public final class RandomResizedCrop {

    private static final int ATTEMPTS = 10;

    private final int size;
    private final double scaleMin;
    private final double scaleMax;
    private final double logRatioMin;
    private final double logRatioMax;
    private final double ratioMin;
    private final double ratioMax;
    private final boolean antialias;

    /**
     * @param size output side
     * @param scaleMin smallest crop area fraction, in (0, scaleMax]
     * @param scaleMax largest crop area fraction, ≤ 1
     * @param ratioMin smallest width/height, in (0, ratioMax]
     * @param ratioMax largest width/height
     * @param antialias widen the bilinear filter when shrinking (Pillow's behaviour)
     */
    public RandomResizedCrop(
            int size, double scaleMin, double scaleMax, double ratioMin, double ratioMax, boolean antialias) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be ≥ 1, got " + size);
        }
        if (!(scaleMin > 0 && scaleMin <= scaleMax && scaleMax <= 1)) {
            throw new IllegalArgumentException(
                    "crop scale must satisfy 0 < min ≤ max ≤ 1, got (" + scaleMin + ", " + scaleMax + ")");
        }
        if (!(ratioMin > 0 && ratioMin <= ratioMax && Double.isFinite(ratioMax))) {
            throw new IllegalArgumentException(
                    "crop ratio must satisfy 0 < min ≤ max, got (" + ratioMin + ", " + ratioMax + ")");
        }
        this.size = size;
        this.scaleMin = scaleMin;
        this.scaleMax = scaleMax;
        this.ratioMin = ratioMin;
        this.ratioMax = ratioMax;
        this.logRatioMin = StrictMath.log(ratioMin);
        this.logRatioMax = StrictMath.log(ratioMax);
        this.antialias = antialias;
    }

    /** Draws a crop box for a {@code width × height} image. */
    public CropBox sample(int width, int height, SplittableRandom rng) {
        double area = (double) width * height;
        for (int i = 0; i < ATTEMPTS; i++) {
            double target = area * uniform(rng, scaleMin, scaleMax);
            double aspect = StrictMath.exp(uniform(rng, logRatioMin, logRatioMax));
            int w = (int) Math.rint(StrictMath.sqrt(target * aspect));
            int h = (int) Math.rint(StrictMath.sqrt(target / aspect));
            if (w > 0 && w <= width && h > 0 && h <= height) {
                int top = rng.nextInt(height - h + 1);
                int left = rng.nextInt(width - w + 1);
                return new CropBox(top, left, h, w);
            }
        }
        return centralCrop(width, height);
    }

    /** The fallback: the whole image, narrowed to the nearest allowed aspect ratio, centred. */
    CropBox centralCrop(int width, int height) {
        double inRatio = (double) width / height;
        int w;
        int h;
        if (inRatio < ratioMin) {
            w = width;
            h = (int) Math.rint(w / ratioMin);
        } else if (inRatio > ratioMax) {
            h = height;
            w = (int) Math.rint(h * ratioMax);
        } else {
            w = width;
            h = height;
        }
        w = Math.max(1, Math.min(w, width));
        h = Math.max(1, Math.min(h, height));
        return new CropBox((height - h) / 2, (width - w) / 2, h, w);
    }

    /**
     * Resizes {@code box} of {@code src} to {@code size × size × src.channels()} into {@code out}, mirrored if asked.
     */
    public void resize(DecodedImage src, CropBox box, boolean mirror, byte[] out, Workspace ws) {
        Resampler.resize(src.pixels(), src.width(), src.channels(), box, size, mirror, antialias, out, ws);
    }

    /** The output side. */
    public int size() {
        return size;
    }

    static double uniform(SplittableRandom rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }
}
