package dev.simclr.model;

import dev.simclr.augment.resize.ResizeMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything needed to rebuild an encoder + projection head; stored in checkpoint manifests via {@link #toMap()} /
 * {@link #fromMap(Map)}.
 *
 * <p>Stage widths are {@code max(8, floor(64 * width * m))} for {@code m = 1, 2, 4, 8} (the rule of the CPU anchor
 * {@code torch_cpu_fmnist_budget.py}); Bottleneck stages output four times that. {@code mean}/{@code std} normalise
 * pixels scaled to [0, 1], one value per channel. {@code fit} is the run's canvas: how an image is fitted to the square
 * input, for the training views (the augmenter's {@code policy.fit}, which must be equal) as for evaluation and the
 * ONNX export.
 *
 * @param arch ResNet depth
 * @param stem first layers ({@code small} for images up to 64 px)
 * @param width width multiplier, in (0, 4]
 * @param channels input channels, 1 or 3
 * @param inputSize square input side in pixels
 * @param fit how images are fitted to the input (pad, resize, center-crop)
 * @param projectionDim output size of the projection head
 * @param zeroInitResidual whether the last BN of every residual branch starts with gamma = 0
 * @param mean per-channel mean used to normalise inputs
 * @param std per-channel standard deviation used to normalise inputs
 */
public record ModelConfig(
        Arch arch,
        Stem stem,
        double width,
        int channels,
        int inputSize,
        ResizeMode fit,
        int projectionDim,
        boolean zeroInitResidual,
        List<Double> mean,
        List<Double> std) {

    /** Largest accepted input side (the view-pair contract's limit). */
    public static final int MAX_INPUT_SIZE = 1024;

    /** Key of {@link #fit()} in {@link #toMap()}. */
    public static final String FIT_KEY = "fit";

    private static final Set<String> KEYS = Set.of(
            "arch",
            "stem",
            "width",
            "channels",
            "inputSize",
            FIT_KEY,
            "projectionDim",
            "zeroInitResidual",
            "mean",
            "std");

    /** Validates every field; the message names the field and the reason. */
    public ModelConfig {
        if (arch == null || stem == null) {
            throw new IllegalArgumentException("model config: arch and stem are required");
        }
        if (!(width > 0 && width <= 4)) {
            throw new IllegalArgumentException("model config: width must be in (0, 4], got " + width);
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("model config: channels must be 1 or 3, got " + channels);
        }
        int minSize = stem.totalStride();
        if (inputSize < minSize || inputSize > MAX_INPUT_SIZE) {
            throw new IllegalArgumentException("model config: inputSize must be in [" + minSize + ", " + MAX_INPUT_SIZE
                    + "] for the " + stem.id() + " stem, got " + inputSize);
        }
        if (fit == null) {
            throw new IllegalArgumentException("model config: fit is required (pad, resize or center-crop)");
        }
        if (projectionDim < 1 || projectionDim > 8192) {
            throw new IllegalArgumentException(
                    "model config: projectionDim must be in [1, 8192], got " + projectionDim);
        }
        mean = checkStats("mean", mean, channels, false);
        std = checkStats("std", std, channels, true);
    }

    private static List<Double> checkStats(String name, List<Double> values, int channels, boolean positive) {
        if (values == null || values.size() != channels) {
            throw new IllegalArgumentException(
                    "model config: " + name + " needs " + channels + " value(s), one per channel, got " + values);
        }
        for (Double v : values) {
            if (v == null || !Double.isFinite(v) || (positive && v <= 0)) {
                throw new IllegalArgumentException("model config: " + name + " values must be finite"
                        + (positive ? " and > 0" : "") + ", got " + values);
            }
        }
        return List.copyOf(values);
    }

    /** Returns the output channels of the stem and of stages 1..4 before expansion. */
    public int[] stageWidths() {
        int[] widths = new int[4];
        for (int i = 0; i < 4; i++) {
            widths[i] = Math.max(8, (int) Math.floor(64 * width * (1 << i) + 1e-9));
        }
        return widths;
    }

    /** Returns the encoder's output size (global-average-pooled features). */
    public int featureDim() {
        return stageWidths()[3] * arch.expansion();
    }

    /** Returns a new builder; channels and input size are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns this config as plain JSON-friendly values (strings, numbers, booleans, lists). */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("arch", arch.id());
        map.put("stem", stem.id());
        map.put("width", width);
        map.put("channels", channels);
        map.put("inputSize", inputSize);
        map.put(FIT_KEY, fit.id());
        map.put("projectionDim", projectionDim);
        map.put("zeroInitResidual", zeroInitResidual);
        map.put("mean", new ArrayList<>(mean));
        map.put("std", new ArrayList<>(std));
        return map;
    }

    /**
     * Reads a config written by {@link #toMap()} (numbers may be any {@link Number}, as JSON parsers produce them).
     * Every key is required except {@code fit}, which manifests written before it existed lack: they read as
     * {@code pad}, the canvas the evaluator gave those checkpoints. Unknown keys are rejected.
     *
     * @param map the values
     * @return the validated config
     * @throws IllegalArgumentException naming the missing, unknown or malformed key
     */
    public static ModelConfig fromMap(Map<String, ?> map) {
        if (map == null) {
            throw new IllegalArgumentException("model config: map is null");
        }
        for (String key : map.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("model config: unknown key '" + key + "'");
            }
        }
        return new ModelConfig(
                Arch.parse(MapValues.string(map, "arch")),
                Stem.parse(MapValues.string(map, "stem")),
                MapValues.number(map, "width").doubleValue(),
                MapValues.integer(map, "channels"),
                MapValues.integer(map, "inputSize"),
                map.get(FIT_KEY) == null ? ResizeMode.PAD : fit(MapValues.string(map, FIT_KEY)),
                MapValues.integer(map, "projectionDim"),
                MapValues.bool(map, "zeroInitResidual"),
                MapValues.doubles(map, "mean"),
                MapValues.doubles(map, "std"));
    }

    private static ResizeMode fit(String id) {
        try {
            return ResizeMode.parse(id);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model config: " + e.getMessage());
        }
    }

    /** Builder: {@code setChannels} and {@code setInputSize} are required. */
    public static final class Builder {
        private Arch arch = Arch.RESNET18;
        private Stem stem;
        private double width = 1.0;
        private Integer channels;
        private Integer inputSize;
        private ResizeMode fit = ResizeMode.parse(ResizeMode.DEFAULT_ID);
        private int projectionDim = 128;
        private boolean zeroInitResidual;
        private List<Double> mean;
        private List<Double> std;

        private Builder() {}

        /** Sets the input channels (1 or 3). */
        public Builder setChannels(int channels) {
            this.channels = channels;
            return this;
        }

        /** Sets the square input side in pixels. */
        public Builder setInputSize(int inputSize) {
            this.inputSize = inputSize;
            return this;
        }

        /** Sets how images are fitted to the input (default {@value ResizeMode#DEFAULT_ID}). */
        public Builder optFit(ResizeMode fit) {
            this.fit = fit;
            return this;
        }

        /** Sets the architecture (default ResNet-18). */
        public Builder optArch(Arch arch) {
            this.arch = arch;
            return this;
        }

        /** Sets the stem (default: {@code small} up to 64 px, else {@code imagenet}). */
        public Builder optStem(Stem stem) {
            this.stem = stem;
            return this;
        }

        /** Sets the width multiplier (default 1.0). */
        public Builder optWidth(double width) {
            this.width = width;
            return this;
        }

        /** Sets the projection output size (default 128). */
        public Builder optProjectionDim(int projectionDim) {
            this.projectionDim = projectionDim;
            return this;
        }

        /** Starts the last BN gamma of every residual branch at zero (default off). */
        public Builder optZeroInitResidual(boolean zeroInitResidual) {
            this.zeroInitResidual = zeroInitResidual;
            return this;
        }

        /**
         * Sets the per-channel normalisation (default: ImageNet statistics for 3 channels, their channel average 0.449
         * / 0.226 for 1 channel).
         */
        public Builder optNormalization(List<Double> mean, List<Double> std) {
            this.mean = mean;
            this.std = std;
            return this;
        }

        /** Builds and validates the config. */
        public ModelConfig build() {
            if (channels == null || inputSize == null) {
                throw new IllegalArgumentException("model config: channels and inputSize are required");
            }
            Stem s = stem != null ? stem : inputSize <= 64 ? Stem.SMALL : Stem.IMAGENET;
            List<Double> m = mean;
            List<Double> d = std;
            if (m == null && d == null) {
                m = channels == 3 ? List.of(0.485, 0.456, 0.406) : List.of(0.449);
                d = channels == 3 ? List.of(0.229, 0.224, 0.225) : List.of(0.226);
            }
            return new ModelConfig(arch, s, width, channels, inputSize, fit, projectionDim, zeroInitResidual, m, d);
        }
    }
}
