package dev.simclr.trainer.loop;

/** The trainer's state as seen by health checks and metrics (written by the trainer's threads, read by anyone). */
public final class TrainerStatus {

    /** Life cycle of the trainer. */
    public enum Phase {
        /** Resuming: lease, checkpoint, model, consumer. */
        STARTING,
        /** Training (or waiting for view pairs). */
        RUNNING,
        /** {@code max-steps} reached: final checkpoint written, no more steps. */
        IDLE,
        /** Shutting down gracefully. */
        STOPPING,
        /** Stopped after a graceful shutdown. */
        STOPPED,
        /** Stopped by an error ({@link #lastError()}). */
        FAILED
    }

    private volatile Phase phase = Phase.STARTING;
    private volatile long lastBeatNanos = System.nanoTime();
    private volatile boolean consumerAssigned;
    private volatile boolean modelReady;
    private volatile String lastError = "";
    private volatile long step;
    private volatile long lastCheckpointStep = -1;

    public Phase phase() {
        return phase;
    }

    void phase(Phase phase) {
        this.phase = phase;
    }

    /** Records that the training thread is making progress (or waiting normally). */
    void beat() {
        lastBeatNanos = System.nanoTime();
    }

    /** Returns nanoseconds since the training thread last reported progress. */
    public long nanosSinceBeat() {
        return System.nanoTime() - lastBeatNanos;
    }

    public boolean consumerAssigned() {
        return consumerAssigned;
    }

    void consumerAssigned(boolean assigned) {
        this.consumerAssigned = assigned;
    }

    public boolean modelReady() {
        return modelReady;
    }

    void modelReady(boolean ready) {
        this.modelReady = ready;
    }

    /** Returns the error that stopped the trainer, or an empty string. */
    public String lastError() {
        return lastError;
    }

    void failed(Throwable t) {
        String m = t.getMessage();
        lastError = t.getClass().getSimpleName() + ": "
                + (m == null ? "" : m.lines().findFirst().orElse(""));
        phase = Phase.FAILED;
    }

    /** Returns the completed steps. */
    public long step() {
        return step;
    }

    void step(long step) {
        this.step = step;
    }

    /** Returns the step of the newest checkpoint written or resumed from (-1 before any). */
    public long lastCheckpointStep() {
        return lastCheckpointStep;
    }

    void lastCheckpointStep(long step) {
        this.lastCheckpointStep = step;
    }
}
