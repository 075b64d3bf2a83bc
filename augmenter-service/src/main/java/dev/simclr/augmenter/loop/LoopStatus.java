package dev.simclr.augmenter.loop;

import java.util.concurrent.atomic.AtomicInteger;

/** The loop's observable state, written by the loop and its workers, read by health checks and gauges. */
public final class LoopStatus {

    /** What the loop is doing. */
    public enum Phase {
        /** Not started or connecting (producer init, first epoch look-up). */
        STARTING,
        /** Consuming and producing (possibly paused by the lag gate or backing off). */
        RUNNING,
        /** A Kafka failure outside a batch; retrying after a delay. */
        RECOVERING,
        /** Stopped (closed or died). */
        STOPPED
    }

    private volatile Phase phase = Phase.STARTING;
    private volatile int epoch;
    private volatile boolean paused;
    private volatile long viewsLag;
    private volatile long epochDone;
    private volatile long epochTotal;
    private volatile int assignedPartitions;
    private volatile long lastBeatNanos = System.nanoTime();
    private volatile long lastKafkaOkNanos;
    private volatile String lastError = "";
    private volatile String storeUnavailable = "";
    private volatile long storeUnavailableSinceNanos;
    private final AtomicInteger inFlight = new AtomicInteger();

    /** Current phase. */
    public Phase phase() {
        return phase;
    }

    void phase(Phase p) {
        this.phase = p;
    }

    /** Current epoch. */
    public int epoch() {
        return epoch;
    }

    void epoch(int e) {
        this.epoch = e;
    }

    /** Whether the assigned partitions are paused (lag gate or backoff). */
    public boolean paused() {
        return paused;
    }

    void paused(boolean p) {
        this.paused = p;
    }

    /** Last measured trainer lag on the views topic (0 when the gate is off). */
    public long viewsLag() {
        return viewsLag;
    }

    void viewsLag(long lag) {
        this.viewsLag = lag;
    }

    /** Records of the current epoch committed by the group (all replicas). */
    public long epochDone() {
        return epochDone;
    }

    /** Records in the images topic at the last check. */
    public long epochTotal() {
        return epochTotal;
    }

    void progress(EpochStatus s) {
        this.epochDone = s.done();
        this.epochTotal = s.total();
    }

    /** Partitions currently assigned to this replica. */
    public int assignedPartitions() {
        return assignedPartitions;
    }

    void assignedPartitions(int n) {
        this.assignedPartitions = n;
    }

    /** Records being processed right now. */
    public int inFlight() {
        return inFlight.get();
    }

    AtomicInteger inFlightCounter() {
        return inFlight;
    }

    /** Marks progress (a loop iteration or a finished record). */
    void beat() {
        lastBeatNanos = System.nanoTime();
    }

    /** Nanoseconds since the loop last made progress. */
    public long nanosSinceBeat() {
        return System.nanoTime() - lastBeatNanos;
    }

    void kafkaOk() {
        lastKafkaOkNanos = System.nanoTime();
    }

    /** Nanoseconds since the last successful broker exchange (Long.MAX_VALUE before the first). */
    public long nanosSinceKafkaOk() {
        long last = lastKafkaOkNanos;
        return last == 0 ? Long.MAX_VALUE : System.nanoTime() - last;
    }

    /** Why the object store is unavailable (records deferred with backoff), or empty while it answers. */
    public String storeUnavailable() {
        return storeUnavailable;
    }

    /** Nanoseconds since the object store became unavailable (0 while it answers). */
    public long nanosStoreUnavailable() {
        return storeUnavailable.isEmpty() ? 0 : System.nanoTime() - storeUnavailableSinceNanos;
    }

    void storeUnavailable(String reason) {
        if (storeUnavailable.isEmpty()) {
            storeUnavailableSinceNanos = System.nanoTime();
        }
        storeUnavailable = reason == null || reason.isEmpty() ? "unavailable" : reason;
    }

    void storeAvailable() {
        storeUnavailable = "";
    }

    /** The last failure the loop recovered from, or empty. */
    public String lastError() {
        return lastError;
    }

    void lastError(String e) {
        this.lastError = e == null ? "" : e;
    }
}
