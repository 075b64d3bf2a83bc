package dev.simclr.augment.resize;

import dev.simclr.augment.DecodedImage;
import dev.simclr.augment.ops.CropBox;
import dev.simclr.augment.ops.Resampler;
import dev.simclr.augment.ops.Workspace;

/**
 * The square canvas a run's images are fitted onto ({@link ResizeMode}) for a model input of {@code size × size}. A
 * {@link Frame} is the canvas of one image at the image's own resolution: the training policy draws its random crops in
 * frame coordinates, and {@link #fit} scales the whole frame to the input, which is what evaluation and ONNX embedding
 * feed the encoder. Both resample with the same fixed-point bilinear filter ({@link Resampler}), so a crop covering the
 * whole canvas is the evaluation input byte for byte. Thread-safe.
 *
 * @param mode how the image is fitted
 * @param size the model input side in pixels, 1..4096
 */
public record Canvas(ResizeMode mode, int size) {

    private static final ThreadLocal<Workspace> WORKSPACES = ThreadLocal.withInitial(Workspace::new);

    /** Validates the fields. */
    public Canvas {
        if (mode == null) {
            throw new IllegalArgumentException("canvas: a fit mode is required (pad, resize or center-crop)");
        }
        if (size < 1 || size > 4096) {
            throw new IllegalArgumentException("canvas: size must be in 1..4096, got " + size);
        }
    }

    /**
     * The canvas of one image: a square of {@code side × side} canvas pixels that maps linearly onto the source
     * rectangle ({@code top}, {@code left}, {@code spanHeight}, {@code spanWidth}) of {@code image}. For
     * {@link ResizeMode#PAD} the image is the padded square itself (identity map); for {@link ResizeMode#CENTER_CROP}
     * the rectangle is the central square; for {@link ResizeMode#RESIZE} it is the whole (possibly non-square) image.
     *
     * @param image the pixels crops are read from
     * @param side canvas side in canvas pixels
     * @param top first source row of the canvas
     * @param left first source column of the canvas
     * @param spanHeight source rows the canvas covers
     * @param spanWidth source columns the canvas covers
     */
    public record Frame(DecodedImage image, int side, int top, int left, int spanHeight, int spanWidth) {

        /** The source box of a box in canvas pixels (rounded to whole source pixels, at least one). */
        public CropBox toSource(CropBox canvasBox) {
            int y0 = top + scale(canvasBox.top(), spanHeight);
            int y1 = top + scale(canvasBox.top() + canvasBox.height(), spanHeight);
            int x0 = left + scale(canvasBox.left(), spanWidth);
            int x1 = left + scale(canvasBox.left() + canvasBox.width(), spanWidth);
            int h = Math.max(1, y1 - y0);
            int w = Math.max(1, x1 - x0);
            y0 = Math.min(y0, top + spanHeight - h);
            x0 = Math.min(x0, left + spanWidth - w);
            return new CropBox(y0, x0, h, w);
        }

        /** The source box of the whole canvas. */
        public CropBox whole() {
            return new CropBox(top, left, spanHeight, spanWidth);
        }

        private int scale(int canvasPixels, int span) {
            return (int) ((2L * canvasPixels * span + side) / (2L * side));
        }
    }

    /** The canvas of {@code image} (allocates the padded square for {@link ResizeMode#PAD} when needed). */
    public Frame frame(DecodedImage image) {
        int w = image.width();
        int h = image.height();
        return switch (mode) {
            case PAD -> {
                int side = Math.max(size, Math.max(w, h));
                DecodedImage square = side == w && side == h ? image : pad(image, side);
                yield new Frame(square, side, 0, 0, side, side);
            }
            case RESIZE -> new Frame(image, Math.max(w, h), 0, 0, h, w);
            case CENTER_CROP -> {
                int m = Math.min(w, h);
                yield new Frame(image, m, (h - m) / 2, (w - m) / 2, m, m);
            }
        };
    }

    /** The whole canvas of {@code image} at {@code size × size}, same channels: the evaluation input. */
    public byte[] fit(DecodedImage image) {
        byte[] out = new byte[size * size * image.channels()];
        fit(image, out);
        return out;
    }

    /** {@link #fit(DecodedImage)} into {@code out} ({@code size² × channels} bytes). */
    public void fit(DecodedImage image, byte[] out) {
        if (out.length != size * size * image.channels()) {
            throw new IllegalArgumentException(
                    "output buffer has " + out.length + " bytes, the canvas needs " + size * size * image.channels());
        }
        Frame f = frame(image);
        Resampler.resize(
                f.image().pixels(),
                f.image().width(),
                image.channels(),
                f.whole(),
                size,
                false,
                true,
                out,
                WORKSPACES.get());
    }

    private static DecodedImage pad(DecodedImage image, int side) {
        byte[] square = new byte[side * side * image.channels()];
        ImageOps.pad(image.pixels(), 0, image.height(), image.width(), image.channels(), side, side, square, 0);
        return new DecodedImage(side, side, image.channels(), square);
    }

    /** E.g. {@code 32px pad}. */
    @Override
    public String toString() {
        return size + "px " + mode.id();
    }
}
