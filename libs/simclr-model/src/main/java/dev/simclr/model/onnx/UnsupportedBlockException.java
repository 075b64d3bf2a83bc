package dev.simclr.model.onnx;

/**
 * The exporter met a block it cannot translate faithfully. It refuses instead of writing a graph that computes
 * something else; the message names the block's path and type.
 */
public final class UnsupportedBlockException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** An exception with a one-line reason. */
    public UnsupportedBlockException(String message) {
        super(message);
    }
}
