package dev.simclr.launcher.supervise;

/**
 * The supervision ended the stack: a child failed while starting, or failed again after the allowed restarts. The
 * message is one line; the child's log lines were printed before.
 */
public final class StackFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StackFailure(String message) {
        super(message);
    }
}
