package dev.simclr.onnx;

/** ONNX Runtime could not load or run an encoder; the message says what and why in one line. */
public final class OnnxEmbedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An exception with a one-line reason. */
    public OnnxEmbedException(String message) {
        super(message);
    }

    /** An exception with a one-line reason and its cause. */
    public OnnxEmbedException(String message, Throwable cause) {
        super(message, cause);
    }
}
