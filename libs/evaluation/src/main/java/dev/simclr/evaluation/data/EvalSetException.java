package dev.simclr.evaluation.data;

/**
 * A labelled evaluation set could not be read, fetched, decoded or cached; {@link #getMessage()} names the source
 * (file, manifest line, URI) and the reason in one line.
 */
public final class EvalSetException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EvalSetException(String message) {
        super(message);
    }

    public EvalSetException(String message, Throwable cause) {
        super(message, cause);
    }
}
