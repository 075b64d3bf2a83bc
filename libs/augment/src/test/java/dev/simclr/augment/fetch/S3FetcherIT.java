package dev.simclr.augment.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.localstack.EmbeddedS3;
import dev.simclr.objectstore.ObjectStore;
import dev.simclr.objectstore.ObjectStoreConfig;
import dev.simclr.objectstore.S3Uri;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** S3Fetcher against a real S3 server (s3proxy): every failure kind, including the server going away. */
class S3FetcherIT {

    private static ObjectStoreConfig config(EmbeddedS3 s3, String secret) {
        return ObjectStoreConfig.builder()
                .setEndpoint(s3.endpoint())
                .setAccessKey(s3.accessKey())
                .setSecretKey(secret)
                .optRegion(s3.region())
                .optMaxAttempts(2)
                .optBackoff(Duration.ofMillis(50), Duration.ofMillis(100))
                .build();
    }

    private static FetchException.Kind kindOf(S3Fetcher f, String uri, long max) {
        try {
            f.fetch(URI.create(uri), max);
        } catch (FetchException e) {
            return e.kind();
        }
        throw new AssertionError("no failure for " + uri);
    }

    @Test
    void fetchesAndMapsEveryFailure() {
        EmbeddedS3 s3 = EmbeddedS3.start(null);
        try (ObjectStore store = ObjectStore.connect(config(s3, s3.secretKey()));
                ObjectStore wrongKey = ObjectStore.connect(config(s3, "not-the-secret"))) {
            s3.createBucket("images");
            store.put(S3Uri.parse("s3://images/a/one.bin"), new byte[] {1, 2, 3, 4, 5}, null);
            store.put(S3Uri.parse("s3://images/empty.bin"), new byte[0], null);
            S3Fetcher f = S3Fetcher.of(store);

            assertThat(f.fetch(URI.create("s3://images/a/one.bin"), 5)).containsExactly(1, 2, 3, 4, 5);
            assertThat(f.fetch(URI.create("s3://images/empty.bin"), 5)).isEmpty();
            assertThat(kindOf(f, "s3://images/a/one.bin", 4)).isEqualTo(FetchException.Kind.TOO_LARGE);
            assertThat(kindOf(f, "s3://images/a/missing.bin", 5)).isEqualTo(FetchException.Kind.NOT_FOUND);
            assertThat(kindOf(f, "s3://no-such-bucket/a.bin", 5)).isEqualTo(FetchException.Kind.NOT_FOUND);
            assertThat(kindOf(f, "s3://images/a/", 5)).isEqualTo(FetchException.Kind.REFUSED);
            assertThatThrownBy(() -> S3Fetcher.of(wrongKey).fetch(URI.create("s3://images/a/one.bin"), 5))
                    .isInstanceOf(FetchException.class)
                    .hasMessageContaining("access denied")
                    .extracting(e -> ((FetchException) e).kind())
                    .isEqualTo(FetchException.Kind.FAILED);

            s3.close();
            assertThatThrownBy(() -> f.fetch(URI.create("s3://images/a/one.bin"), 5))
                    .isInstanceOf(FetchException.class)
                    .extracting(e -> ((FetchException) e).kind())
                    .isEqualTo(FetchException.Kind.UNAVAILABLE);
        } finally {
            s3.close();
        }
    }
}
