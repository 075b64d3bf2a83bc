package dev.simclr.augmenter.loop;

/** Loop states for tests outside this package (the setters are package-private). */
public final class LoopStatusFixtures {

    private LoopStatusFixtures() {}

    /** A loop consuming epoch {@code epoch} that just talked to Kafka. */
    public static LoopStatus running(int epoch) {
        LoopStatus s = new LoopStatus();
        s.phase(LoopStatus.Phase.RUNNING);
        s.epoch(epoch);
        s.assignedPartitions(4);
        s.kafkaOk();
        s.beat();
        return s;
    }

    /** Records deferred because the object store is unavailable (what the loop does on such a batch). */
    public static void storeUnavailable(LoopStatus s, String reason) {
        s.storeUnavailable(reason);
        s.paused(true);
        s.lastError("object store unavailable (" + reason + "); records deferred");
    }

    /** A clean batch after the outage. */
    public static void storeAvailable(LoopStatus s) {
        s.storeAvailable();
        s.paused(false);
    }
}
