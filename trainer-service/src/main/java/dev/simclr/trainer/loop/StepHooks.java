package dev.simclr.trainer.loop;

/**
 * Points in the training thread where tests observe or stall the trainer (e.g. to kill the process in a chosen crash
 * window). Production uses {@link #NONE}.
 */
public interface StepHooks {

    /** No hooks. */
    StepHooks NONE = new StepHooks() {};

    /** Called before step {@code step} (1-based) starts. */
    default void beforeStep(long step) {}

    /** Called before the checkpoint of {@code step} is written. */
    default void beforeCheckpoint(long step) {}

    /** Called after the manifest of {@code step} exists, before its event is published. */
    default void afterManifest(long step) {}
}
