package dev.simclr.objectstore;

/**
 * The server refused the credentials or their permissions (AccessDenied, InvalidAccessKeyId, SignatureDoesNotMatch; for
 * a write also a refused method, as a read-only server answers). The message names the operation with its bucket and
 * key, the server, the answer and the access key (redacted), never the secret.
 */
public final class AccessDeniedException extends ObjectStoreException {

    private static final long serialVersionUID = 1L;

    private final String code;

    /**
     * Access was refused.
     *
     * @param operation what was attempted, e.g. {@code get s3://b/k}
     * @param code the S3 error code
     * @param endpoint the server
     */
    public AccessDeniedException(String operation, String code, String endpoint) {
        this(operation, code, 0, endpoint, null, false);
    }

    /**
     * Access was refused.
     *
     * @param operation what was attempted, e.g. {@code put s3://b/k}
     * @param code the S3 error code
     * @param status the HTTP status, 0 when unknown
     * @param endpoint the server
     * @param keyHint the redacted access key, or null
     * @param write whether the operation writes
     */
    public AccessDeniedException(
            String operation, String code, int status, String endpoint, String keyHint, boolean write) {
        super("access denied: " + operation + " at " + endpoint + " answered " + code
                + (status > 0 ? " (HTTP " + status + ")" : "")
                + (write
                        ? "; the credential " + (keyHint == null ? "" : keyHint + " ")
                                + "may not write there (read-only" + " credential or server?)"
                        : "")
                + " (check SIMCLR_S3_ACCESS_KEY / SIMCLR_S3_SECRET_KEY and the key's permissions)");
        this.code = code;
    }

    /** The S3 error code. */
    public String code() {
        return code;
    }
}
