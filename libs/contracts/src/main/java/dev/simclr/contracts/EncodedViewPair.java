package dev.simclr.contracts;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A {@link ViewPair} as it arrived on {@link Topics#VIEWS}: the record value, its header decoded and checked, the
 * pixels left where they are. The trainer holds these from the consumer to the batch copy, so each view's bytes are
 * copied once (into the device batch) instead of twice (into a {@link ViewPair}, then into the batch); at 224 px RGB
 * that is 301 KB per pair less to copy and allocate on the polling thread.
 *
 * <p>Only {@link ViewPairCodec#decodeInPlace} makes these, from a value nobody modifies afterwards (a consumer record's
 * value). Equality is identity; {@link #toString()} never prints pixels.
 *
 * @param imageId the image's id
 * @param epoch the augmenter's epoch
 * @param seed the augmentation seed
 * @param height view height
 * @param width view width
 * @param channels 1 or 3
 * @param data the whole encoded value (do not modify)
 * @param viewOffset where view 1 starts in {@code data}; view 2 follows it
 */
public record EncodedViewPair(
        String imageId, int epoch, long seed, int height, int width, int channels, byte[] data, int viewOffset) {

    /** Checks that the views lie exactly at the end of {@code data}. */
    public EncodedViewPair {
        ViewPair.checkHeader(imageId, epoch, height, width, channels);
        Checks.required(ViewPair.CTX, "data", data);
        if (viewOffset < ViewPairCodec.FIXED_HEADER_BYTES
                || (long) viewOffset + 2L * height * width * channels != data.length) {
            throw Checks.fail(
                    ViewPair.CTX,
                    "views at " + viewOffset + " of " + height + "x" + width + "x" + channels + " do not end "
                            + data.length + " bytes of data");
        }
    }

    /**
     * Encodes {@code pair} and decodes it in place (tests and tools that start from a {@link ViewPair}).
     *
     * @param pair the pair
     * @return the same pair, encoded
     */
    public static EncodedViewPair of(ViewPair pair) {
        return ViewPairCodec.decodeInPlace(ViewPairCodec.encode(pair));
    }

    /** Bytes per view: {@code height * width * channels}. */
    public int viewBytes() {
        return height * width * channels;
    }

    /** Where view 2 starts in {@link #data()}. */
    public int view2Offset() {
        return viewOffset + viewBytes();
    }

    /** Appends view 1 to {@code target} (its position advances by {@link #viewBytes()}). */
    public void putView1(ByteBuffer target) {
        target.put(data, viewOffset, viewBytes());
    }

    /** Appends view 2 to {@code target}. */
    public void putView2(ByteBuffer target) {
        target.put(data, view2Offset(), viewBytes());
    }

    /** Returns a {@link ViewPair} with copies of the views. */
    public ViewPair toViewPair() {
        return ViewPair.adopt(
                imageId,
                epoch,
                seed,
                height,
                width,
                channels,
                Arrays.copyOfRange(data, viewOffset, view2Offset()),
                Arrays.copyOfRange(data, view2Offset(), data.length));
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    /** Identity and shape only, as {@link ViewPair#toString()}. */
    @Override
    public String toString() {
        return "EncodedViewPair[imageId=" + imageId + ", epoch=" + epoch + ", seed=" + seed + ", " + height + "x"
                + width + "x" + channels + ", 2 x " + viewBytes() + " bytes]";
    }
}
