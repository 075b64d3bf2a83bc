package dev.simclr.objectstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.minio.errors.ErrorResponseException;
import io.minio.errors.InvalidResponseException;
import io.minio.errors.ServerException;
import io.minio.messages.ErrorResponse;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.NoSuchFileException;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class MinioErrorsTest {

    private static final S3Uri URI = S3Uri.parse("s3://bucket/key");
    private final MinioErrors errors = new MinioErrors("http://127.0.0.1:9000", 4);

    private static ErrorResponseException error(String code, int status) {
        Response response = new Response.Builder()
                .request(new Request.Builder()
                        .url("http://127.0.0.1:9000/bucket/key")
                        .header("Authorization", "AWS4-HMAC-SHA256 Credential=SECRETACCESSKEY/x, Signature=abc")
                        .build())
                .protocol(Protocol.HTTP_1_1)
                .code(status)
                .message("status")
                .build();
        return new ErrorResponseException(
                new ErrorResponse(code, "message for " + code, "bucket", "key", "/bucket/key", "req-1", "host-1"),
                response,
                "trace with SECRETACCESSKEY");
    }

    @Test
    void mapsCodesToTypedExceptions() {
        assertThat(errors.map("get " + URI, URI, error("NoSuchKey", 404)))
                .isInstanceOf(ObjectNotFoundException.class)
                .hasMessage("object not found: s3://bucket/key");
        assertThat(errors.map("get " + URI, URI, error("NoSuchBucket", 404)))
                .isInstanceOf(BucketNotFoundException.class)
                .hasMessageStartingWith("bucket not found: bucket at http://127.0.0.1:9000");
        for (String code : new String[] {"AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch"}) {
            ObjectStoreException e = errors.map("get " + URI, URI, error(code, 403));
            assertThat(e)
                    .isInstanceOf(AccessDeniedException.class)
                    .hasMessageContaining(code)
                    .hasMessageContaining("get s3://bucket/key")
                    .hasNoCause();
            assertThat(e.getMessage()).doesNotContain("SECRETACCESSKEY");
        }
    }

    @Test
    void aRefusedWriteIsAnAccessErrorNamingOperationKeyAndCredential() {
        MinioErrors withKey = new MinioErrors("http://127.0.0.1:9000", 4, "trai***");
        ObjectStoreException e = withKey.map("put " + URI, URI, error("MethodNotAllowed", 501), true);
        assertThat(e)
                .isInstanceOf(AccessDeniedException.class)
                .hasNoCause()
                .hasMessage(
                        "access denied: put s3://bucket/key at http://127.0.0.1:9000 answered MethodNotAllowed (HTTP 501);"
                                + " the credential trai*** may not write there (read-only credential or server?) (check"
                                + " SIMCLR_S3_ACCESS_KEY / SIMCLR_S3_SECRET_KEY and the key's permissions)");
        assertThat(((AccessDeniedException) e).code()).isEqualTo("MethodNotAllowed");
        assertThat(withKey.map("put " + URI, URI, error("AccessDenied", 403), true))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining(
                        "answered AccessDenied (HTTP 403); the credential" + " trai*** may not write there");
        assertThat(withKey.map("get " + URI, URI, error("MethodNotAllowed", 405), false))
                .isExactlyInstanceOf(ObjectStoreException.class);
    }

    @Test
    void answersWithoutAnErrorDocumentAreMappedByTheirStatus() {
        // what s3proxy's read-only store answers to a write: 501 with an empty body
        InvalidResponseException readOnly = new InvalidResponseException(501, null, "", "trace with SECRETACCESSKEY");
        assertThat(MinioErrors.nonXmlStatus(readOnly)).isEqualTo(501);
        assertThat(MinioErrors.isTransient(readOnly)).isFalse();
        assertThat(errors.map("put " + URI, URI, readOnly, true))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageStartingWith(
                        "access denied: put s3://bucket/key at http://127.0.0.1:9000 answered NotImplemented"
                                + " (HTTP 501); the credential may not write there")
                .hasNoCause();
        assertThat(errors.map("get " + URI, URI, new InvalidResponseException(403, "text/html", "<html/>", ""), false))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("answered AccessDenied (HTTP 403)");
        assertThat(errors.map("get " + URI, URI, readOnly, false))
                .isExactlyInstanceOf(ObjectStoreException.class)
                .hasMessage(
                        "get s3://bucket/key at http://127.0.0.1:9000 failed: the server answered HTTP 501 without an S3"
                                + " error document");
    }

    @Test
    void otherErrorsKeepCodeAndStatusWithoutTheMinioTrace() {
        ObjectStoreException e = errors.map("put " + URI, URI, error("InvalidArgument", 400));
        assertThat(e)
                .isExactlyInstanceOf(ObjectStoreException.class)
                .hasNoCause()
                .hasMessage("put s3://bucket/key at http://127.0.0.1:9000 failed: S3 error InvalidArgument (HTTP 400)");
        assertThat(errors.map("put " + URI, URI, error("SlowDown", 503)))
                .isInstanceOf(ObjectStoreUnavailableException.class)
                .hasMessageEndingWith("(HTTP 503) after 4 attempts");
        assertThat(errors.map("put " + URI, URI, new ServerException("bad gateway", 502, "trace")))
                .isInstanceOf(ObjectStoreUnavailableException.class)
                .hasMessage(
                        "put s3://bucket/key at http://127.0.0.1:9000 failed: server answered HTTP 502 after 4 attempts");
    }

    @Test
    void transientFailuresAreIoErrorsServerErrorsAndThrottling() {
        assertThat(MinioErrors.isTransient(new IOException("reset"))).isTrue();
        assertThat(MinioErrors.isTransient(new SocketTimeoutException("timeout")))
                .isTrue();
        assertThat(MinioErrors.isTransient(new NoSuchFileException("/local"))).isFalse();
        assertThat(MinioErrors.isTransient(error("SlowDown", 503))).isTrue();
        assertThat(MinioErrors.isTransient(error("InternalError", 500))).isTrue();
        assertThat(MinioErrors.isTransient(error("Whatever", 502))).isTrue();
        assertThat(MinioErrors.isTransient(error("MethodNotAllowed", 501)))
                .as("501 Not Implemented never heals")
                .isFalse();
        assertThat(MinioErrors.isTransient(new ServerException("bad gateway", 502, "trace")))
                .isTrue();
        assertThat(MinioErrors.isTransient(error("NoSuchKey", 404))).isFalse();
        assertThat(MinioErrors.isTransient(error("AccessDenied", 403))).isFalse();
        assertThat(MinioErrors.isTransient(new ObjectTooLargeException(URI, 10, 5)))
                .isFalse();
        assertThat(MinioErrors.isTransient(new IllegalStateException("bug"))).isFalse();
    }

    @Test
    void exhaustedIoFailuresSayHowOftenTheyWereTried() {
        ObjectStoreException e = errors.map("list " + URI, URI, new IOException("connection refused"));
        assertThat(e)
                .isInstanceOf(ObjectStoreUnavailableException.class)
                .hasMessage("list s3://bucket/key at http://127.0.0.1:9000 failed after 4 attempts:"
                        + " IOException: connection refused")
                .hasCauseInstanceOf(IOException.class);
    }
}
