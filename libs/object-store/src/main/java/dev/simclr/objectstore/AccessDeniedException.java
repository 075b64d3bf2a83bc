package dev.simclr.objectstore;

/** The server refused the credentials or their permissions (AccessDenied, InvalidAccessKeyId, SignatureDoesNotMatch). */
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
    super("access denied: " + operation + " at " + endpoint + " answered " + code
        + " (check SIMCLR_S3_ACCESS_KEY / SIMCLR_S3_SECRET_KEY and the key's permissions)");
    this.code = code;
  }

  /** The S3 error code. */
  public String code() {
    return code;
  }
}
