package dev.simclr.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.localstack.EmbeddedS3;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One credential per service against one server: a read-write identity creates the bucket and writes; a read-only
 * identity (s3proxy's read-only blob store, in the same process over the same buckets) reads the same objects, may not
 * write or delete, and is told so clearly; ensureBucket is idempotent and tolerates a credential that may not create
 * buckets when the bucket exists.
 */
class ObjectStoreAccessIT {

    private static final String BUCKET = "access-it";
    private static final String READER_KEY = "evaluator-ro";
    private static final String READER_SECRET = "reader-secret-7f3a9c";
    private static EmbeddedS3 s3;
    private static ObjectStore writer;
    private static ObjectStore reader;

    @BeforeAll
    static void start() {
        s3 = EmbeddedS3.builder()
                .optIdentity(READER_KEY, READER_SECRET, EmbeddedS3.Access.READ_ONLY)
                .start();
        writer = ObjectStore.connect(config(s3.accessKey(), s3.secretKey()));
        reader = ObjectStore.connect(config(READER_KEY, READER_SECRET));
    }

    @AfterAll
    static void stop() {
        reader.close();
        writer.close();
        s3.close();
    }

    private static ObjectStoreConfig config(String accessKey, String secretKey) {
        return ObjectStoreConfig.builder()
                .setEndpoint(s3.endpoint())
                .setAccessKey(accessKey)
                .setSecretKey(secretKey)
                .optRegion(s3.region())
                .build();
    }

    @Test
    void ensureBucketCreatesOnceAndTheReadOnlyCredentialAcceptsTheExistingBucket() {
        writer.ensureBucket(BUCKET);
        writer.ensureBucket(BUCKET);
        reader.ensureBucket(BUCKET);
        assertThat(s3.bucketsDir().resolve(BUCKET)).isDirectory();
        assertThat(s3.identities())
                .extracting(EmbeddedS3.Identity::access)
                .containsExactly(EmbeddedS3.Access.READ_WRITE, EmbeddedS3.Access.READ_ONLY);
    }

    @Test
    void theReadOnlyCredentialReadsButMayNotWriteAndTheErrorNamesOperationKeyAndCredential() {
        writer.ensureBucket(BUCKET);
        S3Uri shared = new S3Uri(BUCKET, "run/step-1/manifest.json");
        byte[] data = "{\"step\":1}".getBytes(StandardCharsets.UTF_8);
        writer.put(shared, data, "application/json");
        assertThat(reader.get(shared, 1024)).isEqualTo(data);
        assertThat(reader.list(new S3Uri(BUCKET, "run/")))
                .extracting(ObjectInfo::uri)
                .contains(shared);

        S3Uri denied = new S3Uri(BUCKET, "run/step-1/eval.json");
        assertThatThrownBy(() -> reader.put(denied, data, "application/json"))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageStartingWith("access denied: put s3://access-it/run/step-1/eval.json at " + s3.endpoint())
                .hasMessageContaining("answered NotImplemented (HTTP 501); the credential eval*** may not write there")
                .hasMessageNotContaining(READER_SECRET);
        assertThat(writer.exists(denied)).as("nothing was written").isFalse();

        assertThatThrownBy(() -> reader.delete(shared))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageStartingWith("access denied: delete s3://access-it/run/step-1/manifest.json");
        assertThat(writer.get(shared, 1024)).as("nothing was deleted").isEqualTo(data);
    }

    @Test
    void aMissingBucketThatTheCredentialMayNotCreateIsNamed() {
        assertThatThrownBy(() -> reader.ensureBucket("not-there"))
                .isInstanceOf(BucketNotFoundException.class)
                .hasMessageStartingWith("bucket not found: not-there at " + s3.endpoint())
                .hasMessageContaining("the credential eval*** may not create it");
        assertThat(s3.bucketsDir().resolve("not-there")).doesNotExist();
    }
}
