package dev.simclr.augment.decode;

/**
 * An image could not be decoded safely. {@link #kind()} is stable and machine-readable; the message is one
 * human-readable line with the reason.
 */
public final class DecodeException extends RuntimeException {

    /** Why decoding failed. */
    public enum Kind {
        /** Zero-length input. */
        EMPTY,
        /** Not a recognised image format (wrong magic), or a variant no reader handles. */
        UNSUPPORTED_FORMAT,
        /** The data ends before the image does. */
        TRUNCATED,
        /** Structurally invalid data: bad checksums, bad markers, reader errors or warnings. */
        CORRUPT,
        /** Over the byte, pixel or side budget. */
        TOO_LARGE,
        /** Decoding took longer than the time limit and was aborted. */
        TIMEOUT
    }

    private static final long serialVersionUID = 1L;

    private final Kind kind;

    /** Creates an exception of the given kind with a one-line reason. */
    public DecodeException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    /** Creates an exception of the given kind with a one-line reason and a cause. */
    public DecodeException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** The stable failure kind. */
    public Kind kind() {
        return kind;
    }
}
