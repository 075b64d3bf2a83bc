package dev.simclr.testsupport;

import dev.simclr.localstack.LocalFiles;
import dev.simclr.localstack.S3Endpoint;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.errors.ErrorResponseException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * SeaweedFS's S3 gateway in a Docker container (Testcontainers, {@value #IMAGE}), used when Docker and the image are
 * available: {@code weed server -s3} with one identity (random keys, all actions) from an {@code s3.json} identities
 * file, as in a production SeaweedFS. Buckets are created through the S3 API with that identity.
 */
final class ContainerS3 implements S3Endpoint {

    /** The SeaweedFS image (Apache-2.0, maintained; the MinIO server images are gone from Docker Hub). */
    static final String IMAGE = "chrislusf/seaweedfs:4.47";
    /** The S3 gateway's port in the container. */
    static final int S3_PORT = 8333;

    private static final String CONFIG = "/etc/seaweedfs/s3.json";
    private static final Duration BUCKET_TIMEOUT = Duration.ofSeconds(60);

    private final GenericContainer<?> container;
    private final String accessKey;
    private final String secretKey;

    private ContainerS3(GenericContainer<?> container, String accessKey, String secretKey) {
        this.container = container;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    static ContainerS3 start() {
        String access = "local-" + hex(4);
        String secret = hex(20);
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(IMAGE))
                .withCommand(
                        "server",
                        "-dir=/data",
                        "-s3",
                        "-s3.port=" + S3_PORT,
                        "-s3.config=" + CONFIG,
                        "-volume.max=0",
                        "-master.volumeSizeLimitMB=64")
                .withCopyToContainer(Transferable.of(identityConfig(access, secret)), CONFIG)
                .withExposedPorts(S3_PORT)
                .waitingFor(Wait.forHttp("/")
                        .forPort(S3_PORT)
                        .forStatusCodeMatching(code -> code > 0)
                        .withStartupTimeout(Duration.ofMinutes(2)));
        container.start();
        return new ContainerS3(container, access, secret);
    }

    /** The {@code s3.json} identities file: one identity with every action. */
    static String identityConfig(String accessKey, String secretKey) {
        return "{\"identities\":[{\"name\":\"local\",\"credentials\":[{\"accessKey\":\"" + accessKey
                + "\",\"secretKey\":\"" + secretKey
                + "\"}],\"actions\":[\"Admin\",\"Read\",\"List\",\"Tagging\",\"Write\"]}]}";
    }

    @Override
    public String endpoint() {
        return "http://" + container.getHost() + ":" + container.getMappedPort(S3_PORT);
    }

    @Override
    public String accessKey() {
        return accessKey;
    }

    @Override
    public String secretKey() {
        return secretKey;
    }

    @Override
    public String region() {
        return "us-east-1";
    }

    /**
     * Creates the bucket through the S3 API (tolerating one that exists); retries while the gateway still reports its
     * filer as starting.
     */
    @Override
    public void createBucket(String bucket) {
        LocalFiles.requireBucketName(bucket);
        MinioClient client = MinioClient.builder()
                .endpoint(endpoint())
                .credentials(accessKey, secretKey)
                .region(region())
                .build();
        long deadline = System.nanoTime() + BUCKET_TIMEOUT.toNanos();
        while (true) {
            try {
                client.makeBucket(
                        MakeBucketArgs.builder().bucket(bucket).region(region()).build());
                return;
            } catch (ErrorResponseException e) {
                String code = e.errorResponse() == null ? "" : e.errorResponse().code();
                if (code.equals("BucketAlreadyOwnedByYou") || code.equals("BucketAlreadyExists")) {
                    return;
                }
                retryOrFail(bucket, deadline, "S3 error " + code);
            } catch (Exception e) {
                retryOrFail(bucket, deadline, e.toString());
            }
        }
    }

    private static void retryOrFail(String bucket, long deadline, String why) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("cannot create bucket " + bucket + " in SeaweedFS: " + why);
        }
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating bucket " + bucket, e);
        }
    }

    @Override
    public void close() {
        container.stop();
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
