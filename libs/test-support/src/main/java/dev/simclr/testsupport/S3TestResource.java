package dev.simclr.testsupport;

import dev.simclr.localstack.LocalFiles;
import dev.simclr.localstack.S3Endpoint;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Quarkus test resource: starts S3 through {@link LocalInfra}, creates the bucket named by init arg {@code bucket}
 * (default {@value #DEFAULT_BUCKET}) and returns {@code simclr.s3.endpoint}, {@code simclr.s3.access-key},
 * {@code simclr.s3.secret-key}, {@code simclr.s3.region} and {@code simclr.s3.bucket}.
 */
public final class S3TestResource implements QuarkusTestResourceLifecycleManager {

    /** Bucket created when the init arg {@code bucket} is absent. */
    public static final String DEFAULT_BUCKET = "simclr-test";

    private S3Endpoint s3;
    private String bucket = DEFAULT_BUCKET;

    @Override
    public void init(Map<String, String> initArgs) {
        bucket = LocalFiles.requireBucketName(initArgs.getOrDefault("bucket", DEFAULT_BUCKET));
    }

    @Override
    public Map<String, String> start() {
        s3 = LocalInfra.s3(null);
        s3.createBucket(bucket);
        return Map.of(
                "simclr.s3.endpoint", s3.endpoint(),
                "simclr.s3.access-key", s3.accessKey(),
                "simclr.s3.secret-key", s3.secretKey(),
                "simclr.s3.region", s3.region(),
                "simclr.s3.bucket", bucket);
    }

    @Override
    public void stop() {
        if (s3 != null) {
            s3.close();
            s3 = null;
        }
    }
}
