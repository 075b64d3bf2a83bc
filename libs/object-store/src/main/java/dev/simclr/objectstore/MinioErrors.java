package dev.simclr.objectstore;

import io.minio.errors.ErrorResponseException;
import io.minio.errors.ServerException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.Set;

/**
 * Classifies MinIO SDK failures (transient or not) and maps them to this package's exceptions; transient
 * ones left after the retries become {@link ObjectStoreUnavailableException}.
 * Messages name the operation, the S3 error code and the endpoint, never the credentials, and
 * MinIO's own exceptions (whose text may carry request headers) are not attached for S3 errors.
 */
final class MinioErrors {

  private static final Set<String> TRANSIENT_CODES =
      Set.of("SlowDown", "InternalError", "ServiceUnavailable", "RequestTimeout", "Throttling", "RequestTimeTooSkewed");
  private static final Set<String> DENIED_CODES = Set.of("AccessDenied", "InvalidAccessKeyId",
      "SignatureDoesNotMatch", "InvalidToken", "ExpiredToken", "AllAccessDisabled");

  private final String endpoint;
  private final int maxAttempts;

  MinioErrors(String endpoint, int maxAttempts) {
    this.endpoint = endpoint;
    this.maxAttempts = maxAttempts;
  }

  /** True for failures worth retrying: I/O errors, 5xx answers and throttling. */
  static boolean isTransient(Exception e) {
    if (e instanceof ObjectStoreException) {
      return false;
    }
    if (e instanceof ErrorResponseException ere) {
      String code = ere.errorResponse() == null ? null : ere.errorResponse().code();
      int status = ere.response() == null ? 0 : ere.response().code();
      return TRANSIENT_CODES.contains(code) || status >= 500;
    }
    if (e instanceof ServerException se) {
      return se.statusCode() >= 500 || se.statusCode() == 429;
    }
    return e instanceof IOException && !(e instanceof NoSuchFileException);
  }

  /** The S3 error code of an error answer, or null. */
  static String code(Exception e) {
    return e instanceof ErrorResponseException ere && ere.errorResponse() != null ? ere.errorResponse().code() : null;
  }

  /**
   * Maps a failure of {@code operation} (e.g. {@code "get s3://b/k"}) on {@code uri} to a typed exception.
   *
   * @param uri the object or prefix involved (its bucket names a missing bucket)
   */
  ObjectStoreException map(String operation, S3Uri uri, Exception e) {
    if (e instanceof ObjectStoreException ose) {
      return ose;
    }
    if (e instanceof ErrorResponseException ere) {
      String code = code(e);
      int status = ere.response() == null ? 0 : ere.response().code();
      if ("NoSuchKey".equals(code)) {
        return new ObjectNotFoundException(uri);
      }
      if ("NoSuchBucket".equals(code)) {
        return new BucketNotFoundException(uri.bucket(), endpoint);
      }
      if (DENIED_CODES.contains(code)) {
        return new AccessDeniedException(operation, code, endpoint);
      }
      if (isTransient(e)) {
        return new ObjectStoreUnavailableException(operation + " at " + endpoint + " failed: S3 error " + code
            + " (HTTP " + status + ") after " + maxAttempts + " attempts");
      }
      return new ObjectStoreException(operation + " at " + endpoint + " failed: S3 error " + code + " (HTTP " + status
          + ")");
    }
    if (e instanceof ServerException se) {
      if (isTransient(e)) {
        return new ObjectStoreUnavailableException(operation + " at " + endpoint + " failed: server answered HTTP "
            + se.statusCode() + " after " + maxAttempts + " attempts");
      }
      return new ObjectStoreException(operation + " at " + endpoint + " failed: server answered HTTP " + se.statusCode());
    }
    if (isTransient(e)) {
      return new ObjectStoreUnavailableException(operation + " at " + endpoint + " failed after " + maxAttempts
          + " attempts: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
    return new ObjectStoreException(operation + " at " + endpoint + " failed: " + e.getClass().getSimpleName()
        + ": " + e.getMessage(), e);
  }
}
