package dev.simclr.contracts;

/**
 * A message or value that breaks a contract of this package: malformed bytes, invalid JSON, a missing required field, a
 * value out of range.
 *
 * <p>The message is the reason, on one line, and names the offending field or problem, e.g. {@code "view pair
 * truncated: expected 1586 bytes, got 1200"} or {@code "image ref: 'uri' is required"}. Services put it verbatim into
 * the {@link DeadLetter#REASON} header.
 */
public final class ContractException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a one-line reason.
     *
     * @param reason what is wrong, naming the field or problem
     */
    public ContractException(String reason) {
        super(reason);
    }

    /**
     * Creates an exception with a one-line reason and the low-level cause (e.g. a Jackson error).
     *
     * @param reason what is wrong, naming the field or problem
     * @param cause the underlying failure
     */
    public ContractException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
