package dev.simclr.objectstore;

import io.minio.errors.ErrorResponseException;
import io.minio.errors.InvalidResponseException;
import io.minio.errors.ServerException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classifies MinIO SDK failures (transient or not) and maps them to this package's exceptions; transient ones left
 * after the retries become {@link ObjectStoreUnavailableException}. Messages name the operation, the S3 error code and
 * the endpoint, never the credentials, and MinIO's own exceptions (whose text may carry request headers) are not
 * attached for S3 errors.
 */
final class MinioErrors {

    private static final Set<String> TRANSIENT_CODES = Set.of(
            "SlowDown", "InternalError", "ServiceUnavailable", "RequestTimeout", "Throttling", "RequestTimeTooSkewed");
    private static final Set<String> DENIED_CODES = Set.of(
            "AccessDenied",
            "InvalidAccessKeyId",
            "SignatureDoesNotMatch",
            "InvalidToken",
            "ExpiredToken",
            "AllAccessDisabled");
    /** Answers to a write that mean "not with this credential/server" (a read-only server answers 405 or 501). */
    private static final Set<String> WRITE_REFUSED_CODES = Set.of("MethodNotAllowed", "NotImplemented");

    /** How the MinIO SDK reports the status of an answer without an XML body (it has no accessor). */
    private static final Pattern NON_XML_STATUS = Pattern.compile("Response code: (\\d{3})");

    private final String endpoint;
    private final int maxAttempts;
    private final String keyHint;

    MinioErrors(String endpoint, int maxAttempts) {
        this(endpoint, maxAttempts, null);
    }

    /** @param keyHint the redacted access key (e.g. {@code AKIA***}) named in access errors, or null */
    MinioErrors(String endpoint, int maxAttempts, String keyHint) {
        this.endpoint = endpoint;
        this.maxAttempts = maxAttempts;
        this.keyHint = keyHint;
    }

    /** True for failures worth retrying: I/O errors, 5xx answers and throttling. */
    static boolean isTransient(Exception e) {
        if (e instanceof ObjectStoreException) {
            return false;
        }
        if (e instanceof ErrorResponseException ere) {
            String code =
                    ere.errorResponse() == null ? null : ere.errorResponse().code();
            int status = ere.response() == null ? 0 : ere.response().code();
            return TRANSIENT_CODES.contains(code) || status >= 500 && status != 501;
        }
        if (e instanceof ServerException se) {
            return se.statusCode() >= 500 || se.statusCode() == 429;
        }
        return e instanceof IOException && !(e instanceof NoSuchFileException);
    }

    /** The HTTP status of an answer without an S3 error document, 0 when the SDK's message does not say. */
    static int nonXmlStatus(InvalidResponseException e) {
        Matcher m = NON_XML_STATUS.matcher(String.valueOf(e.getMessage()));
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** The S3 error code of an error answer, or null. */
    static String code(Exception e) {
        return e instanceof ErrorResponseException ere && ere.errorResponse() != null
                ? ere.errorResponse().code()
                : null;
    }

    /**
     * Maps a failure of {@code operation} (e.g. {@code "get s3://b/k"}) on {@code uri} to a typed exception.
     *
     * @param uri the object or prefix involved (its bucket names a missing bucket)
     */
    ObjectStoreException map(String operation, S3Uri uri, Exception e) {
        return map(operation, uri, e, false);
    }

    /**
     * Maps a failure like {@link #map(String, S3Uri, Exception)}; for a write, a refusal of the method (405/501: a
     * read-only credential or server) is an {@link AccessDeniedException} too.
     *
     * @param write whether the operation writes (put, delete, create bucket)
     */
    ObjectStoreException map(String operation, S3Uri uri, Exception e, boolean write) {
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
            if (DENIED_CODES.contains(code) || write && WRITE_REFUSED_CODES.contains(code)) {
                return new AccessDeniedException(operation, code, status, endpoint, keyHint, write);
            }
            if (isTransient(e)) {
                return new ObjectStoreUnavailableException(operation + " at " + endpoint + " failed: S3 error " + code
                        + " (HTTP " + status + ") after " + maxAttempts + " attempts");
            }
            return new ObjectStoreException(
                    operation + " at " + endpoint + " failed: S3 error " + code + " (HTTP " + status + ")");
        }
        if (e instanceof InvalidResponseException ire) {
            int status = nonXmlStatus(ire);
            String code = status == 403
                    ? "AccessDenied"
                    : status == 405 ? "MethodNotAllowed" : status == 501 ? "NotImplemented" : null;
            if (status == 403 || write && code != null) {
                return new AccessDeniedException(operation, code, status, endpoint, keyHint, write);
            }
            return new ObjectStoreException(operation + " at " + endpoint + " failed: the server answered HTTP "
                    + status + " without an S3 error document");
        }
        if (e instanceof ServerException se) {
            if (isTransient(e)) {
                return new ObjectStoreUnavailableException(operation + " at " + endpoint
                        + " failed: server answered HTTP " + se.statusCode() + " after " + maxAttempts + " attempts");
            }
            return new ObjectStoreException(
                    operation + " at " + endpoint + " failed: server answered HTTP " + se.statusCode());
        }
        if (isTransient(e)) {
            return new ObjectStoreUnavailableException(
                    operation + " at " + endpoint + " failed after " + maxAttempts + " attempts: "
                            + e.getClass().getSimpleName() + ": " + e.getMessage(),
                    e);
        }
        return new ObjectStoreException(
                operation + " at " + endpoint + " failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
}
