package dev.simclr.augment.resize;

import java.util.Locale;

/**
 * How an image is fitted onto the model's square input: the <em>canvas</em> of a run. The training views are random
 * crops inside the canvas ({@code dev.simclr.augment.SimClrPolicy}) and the evaluation and ONNX inputs are the whole
 * canvas at the input size ({@link Canvas#fit}), so an encoder is scored on images like the ones it trained on.
 * Recorded with the model in every checkpoint ({@code ModelConfig.fit}) and in the ONNX export
 * ({@code simclr.resize_mode}).
 */
public enum ResizeMode {
    /**
     * Centre the image on a black square of side {@code max(input, width, height)} (a letterbox for images larger than
     * the input), then scale that square to the input. An image that fits the input is never resampled: Fashion-MNIST
     * 28 → 32 is exactly the anchor's {@code F.pad(x, (2, 2, 2, 2))}.
     */
    PAD("pad"),
    /**
     * Stretch the whole image to the square input (bilinear, antialiased when shrinking, as PIL / torchvision); the
     * aspect ratio is not kept.
     */
    RESIZE("resize"),
    /**
     * The central square of side {@code min(width, height)}, scaled to the input (torchvision's {@code Resize(s)} +
     * {@code CenterCrop(s)}, cropping first); the rest of a non-square image is never seen.
     */
    CENTER_CROP("center-crop");

    /** The id of the default canvas ({@link #PAD}): the one default of every service's fit key. */
    public static final String DEFAULT_ID = "pad";

    private final String id;

    ResizeMode(String id) {
        this.id = id;
    }

    /** The lower-case name used in configuration, manifests, metadata and on the command line. */
    public String id() {
        return id;
    }

    /**
     * Parses {@code pad}, {@code resize} or {@code center-crop} (case-insensitive; {@code _} for {@code -} accepted).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static ResizeMode parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (ResizeMode m : values()) {
            if (m.id.equals(v)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown fit '" + value + "': expected pad, resize or center-crop");
    }
}
