package dev.simclr.localstack;

/** A running S3-compatible server that tests and demos can talk to (embedded or containerised). */
public interface S3Endpoint extends AutoCloseable {

    /** Base URL of the S3 API, e.g. {@code http://127.0.0.1:40125}. */
    String endpoint();

    /** Access key accepted by the server. */
    String accessKey();

    /** Secret key accepted by the server. */
    String secretKey();

    /** Region clients should sign requests for. */
    String region();

    /**
     * Creates a bucket if it does not exist yet.
     *
     * @param bucket bucket name (3-63 characters: lower-case letters, digits, dots, hyphens)
     */
    void createBucket(String bucket);

    /** Stops the server and releases its resources. */
    @Override
    void close();
}
