package dev.simclr.contracts;

/**
 * How far the trainer's committed position (the monitoring commit that the augmenter's lag gate measures) may trail
 * what the trainer has read, in view pairs. One rule for the trainer's shuffle buffer, the launcher's lag gate and the
 * deployment checks: an augmenter gate ({@code max-views-lag}) below the hold-back closes while the trainer starves (it
 * then trains partial batches after each partial-batch timeout).
 *
 * <p>A pair waits in the shuffle buffer for at most {@value #MAX_AGE_FACTOR} × its capacity newer pairs, so the
 * watermark trails by up to ({@value #MAX_AGE_FACTOR} + 1) × the buffer; behind it come the sealed batches queued for
 * staging, the {@value #STAGED_BATCHES} at the staging thread and the pending one.
 */
public final class TrainerHoldBack {

    /** The trainer's default shuffle buffer, in batches. */
    public static final int DEFAULT_SHUFFLE_BATCHES = 16;

    /** How many offers a pair may wait in the shuffle buffer, as a multiple of its capacity. */
    public static final int MAX_AGE_FACTOR = 3;

    /** Batches at the staging thread: one queued for the training thread, one being assembled. */
    public static final int STAGED_BATCHES = 2;

    private TrainerHoldBack() {}

    /**
     * Returns the default shuffle buffer for a batch size.
     *
     * @param batchSize pairs per step
     * @return {@value #DEFAULT_SHUFFLE_BATCHES} × batch size
     */
    public static int defaultShuffleBuffer(int batchSize) {
        return DEFAULT_SHUFFLE_BATCHES * batchSize;
    }

    /**
     * Returns the most pairs the committed position may trail the read position by.
     *
     * @param batchSize pairs per step
     * @param shuffleBuffer the shuffle buffer's capacity in pairs (0 = no shuffling)
     * @param queueCapacity sealed batches queued between polling and staging
     * @return the hold-back in pairs
     */
    public static long pairs(int batchSize, int shuffleBuffer, int queueCapacity) {
        return (MAX_AGE_FACTOR + 1L) * shuffleBuffer + (queueCapacity + STAGED_BATCHES + 1L) * batchSize;
    }
}
