package dev.simclr.trainer.loop;

/** Trainer states for tests outside this package (the setters are package-private). */
public final class StatusFixtures {

    private StatusFixtures() {}

    /** A trainer training at {@code step}: model ready, consumer assigned, last checkpoint at {@code checkpoint}. */
    public static TrainerStatus running(long step, long checkpoint) {
        TrainerStatus s = new TrainerStatus();
        s.modelReady(true);
        s.consumerAssigned(true);
        s.step(step);
        s.lastCheckpointStep(checkpoint);
        s.phase(TrainerStatus.Phase.RUNNING);
        s.beat();
        return s;
    }

    /** Marks the trainer failed with {@code reason}. */
    public static void fail(TrainerStatus s, Throwable reason) {
        s.failed(reason);
    }
}
