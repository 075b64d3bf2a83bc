package dev.simclr.trainer.input;

import dev.simclr.contracts.DeadLetter;

/** What the intake reports for metrics and health; called on the polling thread. */
public interface IntakeEvents {

    /** A record was dead-lettered. */
    void deadLettered(DeadLetter.Reason reason);

    /** A record of another run was skipped. */
    void skippedOtherRun(String otherRunId);

    /** The partitions were paused (queue full) or resumed. */
    void paused(boolean paused);

    /** A poll returned (the loop is alive and talking to the broker). */
    void polled(int records);

    /** After each poll: whether the consumer has a connection to a broker (false while the broker is away). */
    default void brokerConnected(boolean connected) {}
}
