package dev.simclr.evaluator.loop;

import dev.simclr.contracts.DeadLetter;

/**
 * An evaluation that cannot succeed for this event: the event goes to the dead-letter topic with {@link #reason()} and
 * the message (one line, the exact problem).
 */
public final class EvaluationFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final DeadLetter.Reason reason;

    /** A failure with a reason code and a one-line message. */
    public EvaluationFailure(DeadLetter.Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** A failure with a reason code, a one-line message and its cause. */
    public EvaluationFailure(DeadLetter.Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** The dead-letter reason. */
    public DeadLetter.Reason reason() {
        return reason;
    }
}
