package dev.simclr.evaluation.data;

import dev.simclr.augment.DecodedImage;
import dev.simclr.augment.resize.ImageOps;
import dev.simclr.augment.resize.ResizeMode;

/**
 * Brings a decoded image to the model's input: channel conversion (grey → RGB by replication, RGB → grey by ITU-R 601
 * luma as PIL's {@code convert("L")}), then the model's canvas ({@link ResizeMode}: pad, resize or center-crop,
 * {@link ImageOps#fit}) at {@code height x width}, the canvas the training views were cropped from. No augmentation, no
 * normalisation: the result is still uint8 HWC; mean/std normalisation belongs to the model and is applied at feature
 * extraction.
 *
 * @param height model input height, 1..4096
 * @param width model input width, 1..4096
 * @param channels model input channels, 1 or 3
 * @param mode how the spatial size is matched
 */
public record Preprocessing(int height, int width, int channels, ResizeMode mode) {

    /** Largest accepted input side. */
    public static final int MAX_SIDE = 4096;

    /** Validates the target shape. */
    public Preprocessing {
        if (height < 1 || height > MAX_SIDE || width < 1 || width > MAX_SIDE) {
            throw new IllegalArgumentException(
                    "preprocessing size must be within 1.." + MAX_SIDE + ", got " + height + "x" + width);
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("preprocessing channels must be 1 or 3, got " + channels);
        }
        if (mode == null) {
            throw new IllegalArgumentException("preprocessing fit mode is required (pad, resize or center-crop)");
        }
    }

    /**
     * The default preprocessing for an input: {@link ResizeMode#PAD}, the anchor's Fashion-MNIST 28 → 32 treatment
     * (images larger than the input are letterboxed).
     */
    public static Preprocessing of(int height, int width, int channels) {
        return new Preprocessing(height, width, channels, ResizeMode.PAD);
    }

    /** Bytes of one preprocessed image ({@code height * width * channels}). */
    public int imageBytes() {
        return height * width * channels;
    }

    /** A stable text form, part of the eval-set cache key, e.g. {@code 32x32x1-pad}. */
    public String key() {
        return height + "x" + width + "x" + channels + "-" + mode.id();
    }

    /** Preprocesses one decoded image into a new array of {@link #imageBytes()} bytes. */
    public byte[] apply(DecodedImage image) {
        byte[] out = new byte[imageBytes()];
        apply(image.pixels(), 0, image.height(), image.width(), image.channels(), out, 0);
        return out;
    }

    /**
     * Preprocesses one HWC image read from {@code src} at {@code srcOffset} into {@code dst} at {@code dstOffset}
     * ({@link #imageBytes()} bytes).
     *
     * @throws IllegalArgumentException when a non-square input cannot be reached with the mode
     */
    public void apply(
            byte[] src, int srcOffset, int srcHeight, int srcWidth, int srcChannels, byte[] dst, int dstOffset) {
        byte[] converted = src;
        int offset = srcOffset;
        if (srcChannels != channels) {
            converted = ImageOps.convertChannels(src, srcOffset, srcHeight * srcWidth, srcChannels, channels);
            offset = 0;
        }
        ImageOps.fit(converted, offset, srcHeight, srcWidth, channels, mode, height, width, dst, dstOffset);
    }
}
