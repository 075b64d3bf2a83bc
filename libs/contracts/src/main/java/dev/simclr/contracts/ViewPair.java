package dev.simclr.contracts;

import java.util.Arrays;
import java.util.Objects;

/**
 * A record of {@link Topics#VIEWS}: two augmented views of one image, each uint8 pixels in HWC order ({@code height *
 * width * channels} bytes), reproducible from (image id, epoch, seed).
 *
 * <p>Immutable: the constructor copies both view arrays. For speed (pairs are 1.5 KB to 300 KB and flow at thousands
 * per second), {@link #view1()} and {@link #view2()} return the internal arrays without copying: <b>callers must not
 * modify them</b>. Equality, hash code and {@link #toString()} are by content; {@code toString()} never prints pixels.
 *
 * @param imageId the image's id ({@link ImageRef#effectiveId()}): 1..{@value #MAX_ID_BYTES} UTF-8 bytes, no control
 *     characters
 * @param epoch the pass over the dataset this pair was drawn for, {@code >= 0}
 * @param seed the seed both augmentations were drawn from
 * @param height view height in pixels, 1..{@value ViewPairCodec#MAX_SIDE}
 * @param width view width in pixels, 1..{@value ViewPairCodec#MAX_SIDE}
 * @param channels 1 (grey) or 3 (RGB)
 * @param view1 the first view, {@code height * width * channels} bytes
 * @param view2 the second view, same length
 */
public record ViewPair(
        String imageId, int epoch, long seed, int height, int width, int channels, byte[] view1, byte[] view2) {

    /** Longest image id in UTF-8 bytes. */
    public static final int MAX_ID_BYTES = 512;

    static final String CTX = "view pair";

    /** Set while {@link #adopt} constructs a pair from arrays nobody else can reach. */
    private static final ThreadLocal<Boolean> ADOPTING = new ThreadLocal<>();

    /** Validates every component and copies the views. */
    public ViewPair {
        checkHeader(imageId, epoch, height, width, channels);
        int expected = height * width * channels;
        checkView("view1", view1, expected, height, width, channels);
        checkView("view2", view2, expected, height, width, channels);
        if (ADOPTING.get() == null) {
            view1 = view1.clone();
            view2 = view2.clone();
        }
    }

    /**
     * Builds a pair that takes ownership of {@code view1} and {@code view2} without copying them; only for callers (the
     * codec) that allocated the arrays and drop every other reference.
     */
    static ViewPair adopt(
            String imageId, int epoch, long seed, int height, int width, int channels, byte[] view1, byte[] view2) {
        ADOPTING.set(Boolean.TRUE);
        try {
            return new ViewPair(imageId, epoch, seed, height, width, channels, view1, view2);
        } finally {
            ADOPTING.remove();
        }
    }

    /** Validates the non-pixel components (shared with the codec, which checks before allocating). */
    static void checkHeader(String imageId, int epoch, int height, int width, int channels) {
        Checks.id(CTX, "imageId", imageId, MAX_ID_BYTES);
        Checks.nonNegative(CTX, "epoch", epoch);
        checkSide("height", height);
        checkSide("width", width);
        if (channels != 1 && channels != 3) {
            throw Checks.fail(CTX, "channels must be 1 or 3, got " + channels);
        }
    }

    private static void checkSide(String field, int side) {
        if (side < 1 || side > ViewPairCodec.MAX_SIDE) {
            throw Checks.fail(CTX, field + " must be in [1, " + ViewPairCodec.MAX_SIDE + "], got " + side);
        }
    }

    private static void checkView(String field, byte[] view, int expected, int h, int w, int c) {
        Checks.required(CTX, field, view);
        if (view.length != expected) {
            throw Checks.fail(
                    CTX,
                    field + " has " + view.length + " bytes, expected " + expected + " (" + h + "x" + w + "x" + c
                            + ")");
        }
    }

    /** Bytes per view: {@code height * width * channels}. */
    public int viewBytes() {
        return height * width * channels;
    }

    /** The first view. The internal array: do not modify. */
    @Override
    public byte[] view1() {
        return view1;
    }

    /** The second view. The internal array: do not modify. */
    @Override
    public byte[] view2() {
        return view2;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ViewPair)) {
            return false;
        }
        ViewPair p = (ViewPair) o;
        return epoch == p.epoch
                && seed == p.seed
                && height == p.height
                && width == p.width
                && channels == p.channels
                && imageId.equals(p.imageId)
                && Arrays.equals(view1, p.view1)
                && Arrays.equals(view2, p.view2);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(imageId, epoch, seed, height, width, channels);
        h = 31 * h + Arrays.hashCode(view1);
        return 31 * h + Arrays.hashCode(view2);
    }

    /** Identity and shape only, e.g. {@code ViewPair[imageId=a1, epoch=0, seed=42, 2x2x1, 2 x 4 bytes]}. */
    @Override
    public String toString() {
        return "ViewPair[imageId=" + imageId + ", epoch=" + epoch + ", seed=" + seed + ", " + height + "x" + width + "x"
                + channels + ", 2 x " + viewBytes() + " bytes]";
    }
}
