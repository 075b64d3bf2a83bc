package dev.simclr.onnx;

import dev.simclr.augment.DecodedImage;
import dev.simclr.augment.resize.ImageOps;
import dev.simclr.augment.resize.ResizeMode;

/**
 * Brings a decoded image to the encoder's input exactly as the evaluator does
 * ({@code dev.simclr.evaluation.data.Preprocessing}): channel conversion (grey to RGB by replication, RGB to grey by
 * ITU-R 601 luma), then the model's canvas ({@link ResizeMode}: pad, resize or center-crop, {@link ImageOps#fit}); then
 * {@link #normalise} turns uint8 HWC into float32 CHW {@code (pixel / 255 - mean[c]) / std[c]}, the arithmetic of the
 * evaluator's feature extraction.
 *
 * @param height input height
 * @param width input width
 * @param channels input channels, 1 or 3
 * @param mode how the spatial size is matched
 */
public record ImagePreprocessor(int height, int width, int channels, ResizeMode mode) {

    /** Validates the target shape. */
    public ImagePreprocessor {
        if (height < 1 || width < 1 || height > 4096 || width > 4096) {
            throw new IllegalArgumentException("input size must be within 1..4096, got " + height + "x" + width);
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("input channels must be 1 or 3, got " + channels);
        }
        if (mode == null) {
            throw new IllegalArgumentException("fit mode is required (pad, resize or center-crop)");
        }
    }

    /** Bytes of one preprocessed image. */
    public int imageBytes() {
        return height * width * channels;
    }

    /**
     * Converts channels and matches the size.
     *
     * @return {@link #imageBytes()} uint8 HWC bytes
     * @throws IllegalArgumentException when a non-square input cannot be reached with the mode
     */
    public byte[] apply(DecodedImage image) {
        byte[] pixels = image.pixels();
        if (image.channels() != channels) {
            pixels = ImageOps.convertChannels(pixels, 0, image.width() * image.height(), image.channels(), channels);
        }
        byte[] out = new byte[imageBytes()];
        ImageOps.fit(pixels, 0, image.height(), image.width(), channels, mode, height, width, out, 0);
        return out;
    }

    /**
     * Normalises {@code n} preprocessed uint8 HWC images into float32 NCHW.
     *
     * @param nhwc {@code n * imageBytes()} bytes
     * @param mean one value per channel
     * @param std one value per channel
     * @return {@code n * channels * height * width} floats
     */
    public float[] normalise(byte[] nhwc, int n, float[] mean, float[] std) {
        if (nhwc.length != (long) n * imageBytes()) {
            throw new IllegalArgumentException(n + " images of " + height + "x" + width + "x" + channels + " need "
                    + (long) n * imageBytes() + " bytes, got " + nhwc.length);
        }
        if (mean.length != channels || std.length != channels) {
            throw new IllegalArgumentException("normalisation needs " + channels + " mean and std values");
        }
        int plane = height * width;
        float[] out = new float[n * channels * plane];
        for (int i = 0; i < n; i++) {
            int src = i * imageBytes();
            int dst = i * channels * plane;
            for (int p = 0; p < plane; p++) {
                for (int c = 0; c < channels; c++) {
                    float v = (nhwc[src + p * channels + c] & 0xFF) / 255f;
                    out[dst + c * plane + p] = (v - mean[c]) / std[c];
                }
            }
        }
        return out;
    }
}
