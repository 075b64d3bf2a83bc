package dev.simclr.evaluation;

import dev.simclr.augment.resize.ResizeMode;
import dev.simclr.evaluation.data.Preprocessing;
import java.util.List;

/**
 * What a {@link FeatureExtractor} expects: input size and the model's per-channel normalisation, applied as
 * {@code (pixel / 255 - mean[c]) / std[c]}.
 *
 * @param height input height
 * @param width input width
 * @param channels 1 or 3
 * @param mean one value per channel
 * @param std one value per channel, each {@code > 0}
 */
public record InputSpec(int height, int width, int channels, List<Double> mean, List<Double> std) {

    /** Validates sizes and normalisation. */
    public InputSpec {
        if (height < 1 || width < 1 || (channels != 1 && channels != 3)) {
            throw new IllegalArgumentException(
                    "input must be >= 1x1 with 1 or 3 channels, got " + height + "x" + width + "x" + channels);
        }
        if (mean == null || std == null || mean.size() != channels || std.size() != channels) {
            throw new IllegalArgumentException(
                    "input normalisation needs " + channels + " mean and std values, got " + mean + " and " + std);
        }
        for (Double s : std) {
            if (s == null || !(s > 0) || s.isInfinite()) {
                throw new IllegalArgumentException("input std values must be finite and > 0, got " + std);
            }
        }
        for (Double m : mean) {
            if (m == null || !Double.isFinite(m)) {
                throw new IllegalArgumentException("input mean values must be finite, got " + mean);
            }
        }
        mean = List.copyOf(mean);
        std = List.copyOf(std);
    }

    /** An input with the same mean and std for every channel. */
    public static InputSpec of(int height, int width, int channels, double mean, double std) {
        return new InputSpec(height, width, channels, List.of(repeat(mean, channels)), List.of(repeat(std, channels)));
    }

    /** An input scaled to [0, 1] only (mean 0, std 1). */
    public static InputSpec unnormalised(int height, int width, int channels) {
        return of(height, width, channels, 0.0, 1.0);
    }

    /** The preprocessing that brings eval-set images to this input. */
    public Preprocessing preprocessing(ResizeMode mode) {
        return new Preprocessing(height, width, channels, mode);
    }

    private static Double[] repeat(double v, int n) {
        Double[] a = new Double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
