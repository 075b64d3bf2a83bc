package dev.simclr.trainer.checkpoint;

/** Another trainer holds a fresh lease on the run (start refused), or took it over (lease lost). */
public final class LeaseHeldException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message one line: run, holder, heartbeat age and what to do
     */
    public LeaseHeldException(String message) {
        super(message);
    }
}
