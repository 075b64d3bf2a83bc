package dev.simclr.augment;

import dev.simclr.augment.resize.ResizeMode;

/** Builder for {@link PolicyConfig}: {@code setX} for the required output shape, {@code optX} for the rest. */
public final class PolicyConfigBuilder {

    int outputSize;
    int outputChannels;
    ResizeMode fit = ResizeMode.parse(ResizeMode.DEFAULT_ID);
    double cropScaleMin = 0.08;
    double cropScaleMax = 1.0;
    double cropRatioMin = 3.0 / 4.0;
    double cropRatioMax = 4.0 / 3.0;
    boolean antialias = true;
    double flipProbability = 0.5;
    double jitterProbability = 0.8;
    double jitterStrength = Double.NaN;
    double brightness = Double.NaN;
    double contrast = Double.NaN;
    double saturation = Double.NaN;
    double hue = Double.NaN;
    double grayscaleProbability = 0.2;
    PolicyConfig.BlurMode blurMode = PolicyConfig.BlurMode.AUTO;
    double blurProbability = 0.5;
    double blurSigmaMin = 0.1;
    double blurSigmaMax = 2.0;
    int blurKernelSize;

    PolicyConfigBuilder() {}

    /** Required: output side in pixels (1..1024). */
    public PolicyConfigBuilder setOutputSize(int size) {
        if (size < 1 || size > 1024) {
            throw new IllegalArgumentException("output size must be in 1..1024, got " + size);
        }
        this.outputSize = size;
        return this;
    }

    /** Required: output channels, 1 (grey) or 3 (RGB). */
    public PolicyConfigBuilder setOutputChannels(int channels) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("output channels must be 1 or 3, got " + channels);
        }
        this.outputChannels = channels;
        return this;
    }

    /**
     * The canvas the views are cropped from (how the image is fitted to the square output), default
     * {@value ResizeMode#DEFAULT_ID}; must equal the model's fit, which evaluation and ONNX embedding use.
     */
    public PolicyConfigBuilder optFit(ResizeMode fit) {
        if (fit == null) {
            throw new IllegalArgumentException("fit must not be null");
        }
        this.fit = fit;
        return this;
    }

    /** Crop area fraction range (of the canvas), default (0.08, 1.0). */
    public PolicyConfigBuilder optCropScale(double min, double max) {
        if (!(min > 0 && min <= max && max <= 1)) {
            throw new IllegalArgumentException(
                    "crop scale must satisfy 0 < min ≤ max ≤ 1, got (" + min + ", " + max + ")");
        }
        this.cropScaleMin = min;
        this.cropScaleMax = max;
        return this;
    }

    /** Crop aspect ratio (width/height) range, default (3/4, 4/3). */
    public PolicyConfigBuilder optCropRatio(double min, double max) {
        if (!(min > 0 && min <= max && Double.isFinite(max))) {
            throw new IllegalArgumentException("crop ratio must satisfy 0 < min ≤ max, got (" + min + ", " + max + ")");
        }
        this.cropRatioMin = min;
        this.cropRatioMax = max;
        return this;
    }

    /** Antialiased (Pillow-style) bilinear when shrinking, default true; false = plain bilinear sampling. */
    public PolicyConfigBuilder optAntialias(boolean antialias) {
        this.antialias = antialias;
        return this;
    }

    /** Horizontal flip probability, default 0.5. */
    public PolicyConfigBuilder optFlipProbability(double p) {
        this.flipProbability = probability("flip", p);
        return this;
    }

    /** Colour jitter probability, default 0.8. */
    public PolicyConfigBuilder optJitterProbability(double p) {
        this.jitterProbability = probability("jitter", p);
        return this;
    }

    /** Colour jitter strength s (b, c, s = 0.8·s; hue = 0.2·s); default 0.5 for outputs ≤ 64 px, else 1.0. */
    public PolicyConfigBuilder optJitterStrength(double s) {
        if (!(s >= 0 && s <= 2.5)) {
            throw new IllegalArgumentException("jitter strength must be in [0, 2.5], got " + s);
        }
        this.jitterStrength = s;
        return this;
    }

    /** Explicit jitter amounts, overriding the strength: b, c, s ≥ 0, hue in [0, 0.5]. */
    public PolicyConfigBuilder optJitter(double brightness, double contrast, double saturation, double hue) {
        if (!(brightness >= 0 && contrast >= 0 && saturation >= 0 && hue >= 0 && hue <= 0.5)) {
            throw new IllegalArgumentException("jitter amounts must be ≥ 0 with hue ≤ 0.5");
        }
        this.brightness = brightness;
        this.contrast = contrast;
        this.saturation = saturation;
        this.hue = hue;
        return this;
    }

    /** Random grayscale probability, default 0.2. */
    public PolicyConfigBuilder optGrayscaleProbability(double p) {
        this.grayscaleProbability = probability("grayscale", p);
        return this;
    }

    /** Blur on, off, or auto (off for outputs ≤ 64 px); default auto. */
    public PolicyConfigBuilder optBlur(PolicyConfig.BlurMode mode) {
        if (mode == null) {
            throw new IllegalArgumentException("blur mode must not be null");
        }
        this.blurMode = mode;
        return this;
    }

    /** Blur probability, default 0.5. */
    public PolicyConfigBuilder optBlurProbability(double p) {
        this.blurProbability = probability("blur", p);
        return this;
    }

    /** Blur sigma range, default (0.1, 2.0). */
    public PolicyConfigBuilder optBlurSigma(double min, double max) {
        if (!(min > 0 && min <= max && Double.isFinite(max))) {
            throw new IllegalArgumentException("blur sigma must satisfy 0 < min ≤ max, got (" + min + ", " + max + ")");
        }
        this.blurSigmaMin = min;
        this.blurSigmaMax = max;
        return this;
    }

    /** Blur kernel size (odd, ≥ 3); default 10 % of the output side, made odd. */
    public PolicyConfigBuilder optBlurKernelSize(int size) {
        if (size < 3 || size % 2 == 0) {
            throw new IllegalArgumentException("blur kernel size must be odd and ≥ 3, got " + size);
        }
        this.blurKernelSize = size;
        return this;
    }

    /** The config; fails if the output size or channels were not set. */
    public PolicyConfig build() {
        if (outputSize == 0) {
            throw new IllegalStateException("output size is required (setOutputSize)");
        }
        if (outputChannels == 0) {
            throw new IllegalStateException("output channels are required (setOutputChannels)");
        }
        return PolicyConfig.of(this);
    }

    private static double probability(String what, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(what + " probability must be in [0, 1], got " + p);
        }
        return p;
    }
}
