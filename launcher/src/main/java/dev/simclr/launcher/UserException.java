package dev.simclr.launcher;

/**
 * A mistake the user can fix (bad argument, missing file, no running stack): printed as one line without a stack trace;
 * exit code 2.
 */
public final class UserException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception; {@code message} is the one line shown to the user. */
    public UserException(String message) {
        super(message);
    }
}
