package dev.simclr.augmenter.loop;

/**
 * Seams for crash-safety tests: called by the loop at points where a real process can die. The production loop uses
 * {@link #NONE}. An {@link Error} thrown from a hook kills the loop thread the way a crash would: the clients are
 * dropped without committing or aborting anything.
 */
public interface LoopHooks {

    /** No-op hooks. */
    LoopHooks NONE = new LoopHooks() {};

    /** After a batch's records and offsets were sent to the open transaction, right before it commits. */
    default void beforeCommit(int epoch, long batch) {}
}
