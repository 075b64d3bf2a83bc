package dev.simclr.contracts;

/**
 * Header names of a {@link Topics#VIEWS} record (values are UTF-8 strings). The augmenter writes all three; the trainer
 * skips records of another run and dead-letters records made on another canvas. A record without a header is accepted,
 * so any producer can feed a run.
 */
public final class ViewPairHeaders {

    /** The run id of the augmenter that made the pair. */
    public static final String RUN_ID = "simclr.run.id";
    /** The epoch (decimal). */
    public static final String EPOCH = "simclr.epoch";
    /**
     * The canvas the views were cropped from: how the image was fitted to the square view ({@code pad}, {@code resize}
     * or {@code center-crop}), which must be the trained model's fit.
     */
    public static final String FIT = "simclr.fit";

    private ViewPairHeaders() {}
}
