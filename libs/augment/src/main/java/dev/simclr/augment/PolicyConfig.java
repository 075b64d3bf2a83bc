package dev.simclr.augment;

import dev.simclr.augment.ops.GaussianBlur;
import dev.simclr.augment.resize.Canvas;
import dev.simclr.augment.resize.ResizeMode;

/**
 * Parameters of the SimCLR view policy (Chen et al. 2020), defaults from the paper: crop area (0.08, 1) of the canvas
 * (the image fitted to the square output, {@link #fit()}), aspect (3/4, 4/3), flip p=0.5, colour jitter p=0.8 with
 * strength s (brightness, contrast, saturation 0.8·s, hue 0.2·s; s = 0.5 for outputs ≤ 64 px, else 1.0), grayscale
 * p=0.2, Gaussian blur p=0.5 with σ ~ U(0.1, 2.0) and a kernel of 10 % of the side (odd), off for outputs ≤ 64 px
 * unless forced on. Immutable; build with {@link #builder()}.
 */
public final class PolicyConfig {

    /** Whether the blur step runs. */
    public enum BlurMode {
        /** Always part of the policy (still applied with {@code blurProbability}). */
        ON,
        /** Never. */
        OFF,
        /** On for outputs larger than {@value PolicyConfig#SMALL_IMAGE_SIDE} px, off otherwise. */
        AUTO
    }

    /** Outputs up to this side count as small images (no blur, jitter strength 0.5 by default). */
    public static final int SMALL_IMAGE_SIDE = 64;

    private final int outputSize;
    private final int outputChannels;
    private final ResizeMode fit;
    private final double cropScaleMin;
    private final double cropScaleMax;
    private final double cropRatioMin;
    private final double cropRatioMax;
    private final boolean antialias;
    private final double flipProbability;
    private final double jitterProbability;
    private final double brightness;
    private final double contrast;
    private final double saturation;
    private final double hue;
    private final double grayscaleProbability;
    private final boolean blur;
    private final double blurProbability;
    private final double blurSigmaMin;
    private final double blurSigmaMax;
    private final int blurKernelSize;

    private PolicyConfig(PolicyConfigBuilder b) {
        this.outputSize = b.outputSize;
        this.outputChannels = b.outputChannels;
        this.fit = b.fit;
        this.cropScaleMin = b.cropScaleMin;
        this.cropScaleMax = b.cropScaleMax;
        this.cropRatioMin = b.cropRatioMin;
        this.cropRatioMax = b.cropRatioMax;
        this.antialias = b.antialias;
        this.flipProbability = b.flipProbability;
        this.jitterProbability = b.jitterProbability;
        double s = Double.isNaN(b.jitterStrength) ? (b.outputSize <= SMALL_IMAGE_SIDE ? 0.5 : 1.0) : b.jitterStrength;
        this.brightness = Double.isNaN(b.brightness) ? 0.8 * s : b.brightness;
        this.contrast = Double.isNaN(b.contrast) ? 0.8 * s : b.contrast;
        this.saturation = Double.isNaN(b.saturation) ? 0.8 * s : b.saturation;
        this.hue = Double.isNaN(b.hue) ? Math.min(0.5, 0.2 * s) : b.hue;
        this.grayscaleProbability = b.grayscaleProbability;
        this.blur = b.blurMode == BlurMode.ON || (b.blurMode == BlurMode.AUTO && b.outputSize > SMALL_IMAGE_SIDE);
        this.blurProbability = b.blurProbability;
        this.blurSigmaMin = b.blurSigmaMin;
        this.blurSigmaMax = b.blurSigmaMax;
        this.blurKernelSize = b.blurKernelSize > 0 ? b.blurKernelSize : GaussianBlur.kernelSizeFor(b.outputSize);
    }

    /** A builder; output size and channels are required. */
    public static PolicyConfigBuilder builder() {
        return new PolicyConfigBuilder();
    }

    /** The paper's policy for a square output of {@code size} px with {@code channels} (1 or 3). */
    public static PolicyConfig simclr(int size, int channels) {
        return builder().setOutputSize(size).setOutputChannels(channels).build();
    }

    static PolicyConfig of(PolicyConfigBuilder b) {
        return new PolicyConfig(b);
    }

    /** Output side in pixels. */
    public int outputSize() {
        return outputSize;
    }

    /** Output channels, 1 or 3. */
    public int outputChannels() {
        return outputChannels;
    }

    /** How an image is fitted onto the square canvas the crops are drawn from (the model's fit). */
    public ResizeMode fit() {
        return fit;
    }

    /** The canvas of the views: {@link #fit()} at {@link #outputSize()}. */
    public Canvas canvas() {
        return new Canvas(fit, outputSize);
    }

    /** Bytes in one view: {@code outputSize² × outputChannels}. */
    public int viewBytes() {
        return outputSize * outputSize * outputChannels;
    }

    public double cropScaleMin() {
        return cropScaleMin;
    }

    public double cropScaleMax() {
        return cropScaleMax;
    }

    public double cropRatioMin() {
        return cropRatioMin;
    }

    public double cropRatioMax() {
        return cropRatioMax;
    }

    /** Whether the resize widens its filter when shrinking (Pillow-style antialiasing). */
    public boolean antialias() {
        return antialias;
    }

    public double flipProbability() {
        return flipProbability;
    }

    public double jitterProbability() {
        return jitterProbability;
    }

    /** Brightness jitter amount b: factor range {@code [max(0, 1-b), 1+b]}. */
    public double brightness() {
        return brightness;
    }

    public double contrast() {
        return contrast;
    }

    public double saturation() {
        return saturation;
    }

    /** Hue jitter amount h: shift range {@code [-h, h]} turns. */
    public double hue() {
        return hue;
    }

    public double grayscaleProbability() {
        return grayscaleProbability;
    }

    /** Whether the blur step is part of this policy (after resolving {@link BlurMode#AUTO}). */
    public boolean blur() {
        return blur;
    }

    public double blurProbability() {
        return blurProbability;
    }

    public double blurSigmaMin() {
        return blurSigmaMin;
    }

    public double blurSigmaMax() {
        return blurSigmaMax;
    }

    /** Blur kernel size (odd). */
    public int blurKernelSize() {
        return blurKernelSize;
    }

    @Override
    public String toString() {
        return String.format(
                java.util.Locale.ROOT,
                "PolicyConfig[size=%d, channels=%d, fit=%s, crop scale=(%.3f, %.3f) ratio=(%.4f, %.4f)"
                        + "%s, flip p=%.2f, jitter p=%.2f b=%.2f c=%.2f s=%.2f h=%.2f, grey p=%.2f, blur=%s]",
                outputSize,
                outputChannels,
                fit.id(),
                cropScaleMin,
                cropScaleMax,
                cropRatioMin,
                cropRatioMax,
                antialias ? " antialias" : "",
                flipProbability,
                jitterProbability,
                brightness,
                contrast,
                saturation,
                hue,
                grayscaleProbability,
                blur
                        ? String.format(
                                java.util.Locale.ROOT,
                                "p=%.2f sigma=(%.2f, %.2f) k=%d",
                                blurProbability,
                                blurSigmaMin,
                                blurSigmaMax,
                                blurKernelSize)
                        : "off");
    }
}
