package dev.simclr.augment.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.objectstore.AccessDeniedException;
import dev.simclr.objectstore.BucketNotFoundException;
import dev.simclr.objectstore.ObjectNotFoundException;
import dev.simclr.objectstore.ObjectStoreException;
import dev.simclr.objectstore.ObjectTooLargeException;
import dev.simclr.objectstore.S3Uri;
import java.net.ConnectException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class S3FetcherTest {

    private static FetchException failure(RuntimeException thrown) {
        S3Fetcher f = S3Fetcher.of((uri, max) -> {
            throw thrown;
        });
        try {
            f.fetch(URI.create("s3://bucket/a.png"), 100);
        } catch (FetchException e) {
            return e;
        }
        throw new AssertionError("no failure");
    }

    @Test
    void readsTheObjectWithTheSizeLimit() {
        List<String> calls = new ArrayList<>();
        S3Fetcher f = S3Fetcher.of((uri, max) -> {
            calls.add(uri + " " + max);
            return new byte[] {1, 2, 3};
        });
        assertThat(f.fetch(URI.create("s3://bucket/dir/a%20b.png"), 1234)).containsExactly(1, 2, 3);
        assertThat(calls).containsExactly("s3://bucket/dir/a%20b.png 1234");
    }

    @Test
    void missingObjectsAndBucketsAreNotFound() {
        S3Uri uri = S3Uri.parse("s3://bucket/a.png");
        FetchException obj = failure(new ObjectNotFoundException(uri));
        assertThat(obj.kind()).isEqualTo(FetchException.Kind.NOT_FOUND);
        assertThat(obj.getMessage()).isEqualTo("object not found: s3://bucket/a.png");
        FetchException bucket = failure(new BucketNotFoundException("bucket", "http://s3:9000"));
        assertThat(bucket.kind()).isEqualTo(FetchException.Kind.NOT_FOUND);
        assertThat(bucket.getMessage()).startsWith("bucket not found: bucket");
    }

    @Test
    void tooLargeAndAccessDenied() {
        FetchException big = failure(new ObjectTooLargeException(S3Uri.parse("s3://bucket/a.png"), 500, 100));
        assertThat(big.kind()).isEqualTo(FetchException.Kind.TOO_LARGE);
        assertThat(big.getMessage()).contains("500 bytes").contains("limit 100");
        FetchException denied =
                failure(new AccessDeniedException("get s3://bucket/a.png", "InvalidAccessKeyId", "http://s3:9000"));
        assertThat(denied.kind()).isEqualTo(FetchException.Kind.FAILED);
        assertThat(denied.getMessage())
                .contains("access denied")
                .contains("InvalidAccessKeyId")
                .contains("SIMCLR_S3_ACCESS_KEY");
    }

    @Test
    void storeOutagesAreUnavailableOtherErrorsFailed() {
        assertThat(failure(new ObjectStoreException(
                                "get s3://bucket/a.png at http://s3:9000 failed after 4 attempts: "
                                        + "ConnectException: refused",
                                new ConnectException("refused")))
                        .kind())
                .isEqualTo(FetchException.Kind.UNAVAILABLE);
        assertThat(failure(new ObjectStoreException(
                                "get s3://bucket/a.png at http://s3:9000 failed: server answered HTTP 503"
                                        + " after 4 attempts"))
                        .kind())
                .isEqualTo(FetchException.Kind.UNAVAILABLE);
        assertThat(failure(new ObjectStoreException(
                                "get s3://bucket/a.png at http://s3:9000 failed: S3 error SlowDown (HTTP 400)"))
                        .kind())
                .isEqualTo(FetchException.Kind.UNAVAILABLE);
        FetchException archived = failure(new ObjectStoreException(
                "get s3://bucket/a.png at http://s3:9000 failed: S3 error InvalidObjectState (HTTP 403)"));
        assertThat(archived.kind()).isEqualTo(FetchException.Kind.FAILED);
        assertThat(archived.getMessage()).contains("InvalidObjectState");
    }

    @Test
    void malformedUrisAndPrefixesAreRefused() {
        S3Fetcher f = S3Fetcher.of((uri, max) -> new byte[0]);
        assertThatThrownBy(() -> f.fetch(URI.create("s3://ab/a.png"), 10))
                .isInstanceOf(FetchException.class)
                .hasMessageContaining("invalid bucket name")
                .extracting(e -> ((FetchException) e).kind())
                .isEqualTo(FetchException.Kind.REFUSED);
        assertThatThrownBy(() -> f.fetch(URI.create("s3://bucket/dir/"), 10))
                .hasMessageContaining("not an object")
                .extracting(e -> ((FetchException) e).kind())
                .isEqualTo(FetchException.Kind.REFUSED);
        assertThatThrownBy(() -> f.fetch(URI.create("s3://bucket"), 10))
                .extracting(e -> ((FetchException) e).kind())
                .isEqualTo(FetchException.Kind.REFUSED);
        assertThatThrownBy(() -> f.fetch(URI.create("file:///a.png"), 10))
                .extracting(e -> ((FetchException) e).kind())
                .isEqualTo(FetchException.Kind.UNSUPPORTED_SCHEME);
    }
}
