package dev.simclr.localstack;

import java.io.IOException;
import java.util.UUID;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.utility.DockerImageName;

/** MinIO in a Docker container (Testcontainers, {@value #IMAGE}), used when Docker is available. */
final class ContainerS3 implements S3Endpoint {

  /** The MinIO server image. */
  static final String IMAGE = "minio/minio:RELEASE.2025-02-28T09-55-16Z";

  private final MinIOContainer container;

  private ContainerS3(MinIOContainer container) {
    this.container = container;
  }

  static ContainerS3 start() {
    MinIOContainer container = new MinIOContainer(DockerImageName.parse(IMAGE))
        .withUserName("local-" + UUID.randomUUID().toString().substring(0, 8))
        .withPassword(UUID.randomUUID().toString().replace("-", ""));
    container.start();
    return new ContainerS3(container);
  }

  @Override
  public String endpoint() {
    return container.getS3URL();
  }

  @Override
  public String accessKey() {
    return container.getUserName();
  }

  @Override
  public String secretKey() {
    return container.getPassword();
  }

  @Override
  public String region() {
    return "us-east-1";
  }

  /** Creates the bucket with the MinIO client ({@code mc}) shipped in the server image. */
  @Override
  public void createBucket(String bucket) {
    LocalFiles.requireBucketName(bucket);
    String script = "mc alias set local http://127.0.0.1:9000 \"$MINIO_ROOT_USER\" \"$MINIO_ROOT_PASSWORD\" >/dev/null"
        + " && mc mb --ignore-existing local/" + bucket;
    try {
      Container.ExecResult r = container.execInContainer("sh", "-c", script);
      if (r.getExitCode() != 0) {
        throw new IllegalStateException("cannot create bucket " + bucket + " in MinIO: exit " + r.getExitCode()
            + ": " + r.getStderr().strip());
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot create bucket " + bucket + " in MinIO: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating bucket " + bucket, e);
    }
  }

  @Override
  public void close() {
    container.stop();
  }
}
