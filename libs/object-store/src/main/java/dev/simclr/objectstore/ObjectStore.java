package dev.simclr.objectstore;

import dev.simclr.contracts.Sha256;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * s3:// objects on the MinIO SDK: size-limited reads, writes that record their sha256 as user metadata
 * {@value #SHA256_METADATA}, recursive listings, typed errors and bounded retries of transient failures. Thread-safe.
 * {@link #close()} stops the HTTP client's threads so a CLI exits promptly.
 *
 * <p>{@link #riding(OutageRetry)} gives a view of the same client whose operations ride through outages: each one is
 * retried while the store is unavailable, within the retry's tolerance.
 */
public final class ObjectStore implements Blobs, AutoCloseable {

    /** User-metadata key holding the content's sha256. */
    public static final String SHA256_METADATA = "sha256";
    /** Largest object {@link #get} can return (a Java array limit). */
    public static final long MAX_GET_BYTES = Integer.MAX_VALUE - 8;

    private static final Logger LOG = LoggerFactory.getLogger(ObjectStore.class);
    private static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

    private final ObjectStoreConfig config;
    private final OkHttpClient http;
    private final MinioClient client;
    private final RetryPolicy retry;
    private final MinioErrors errors;
    private final OutageRetry outages;

    private ObjectStore(ObjectStoreConfig config, RetryPolicy retry) {
        this.config = config;
        this.http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofMinutes(2))
                .writeTimeout(Duration.ofMinutes(2))
                .protocols(List.of(Protocol.HTTP_1_1))
                .build();
        this.client = MinioClient.builder()
                .endpoint(config.endpoint())
                .credentials(config.accessKey(), config.secretKey())
                .region(config.region())
                .httpClient(http)
                .build();
        this.retry = retry;
        this.errors =
                new MinioErrors(config.endpoint(), retry.maxAttempts(), ObjectStoreConfig.redact(config.accessKey()));
        this.outages = null;
    }

    private ObjectStore(ObjectStore base, OutageRetry outages) {
        this.config = base.config;
        this.http = base.http;
        this.client = base.client;
        this.retry = base.retry.quiet();
        this.errors = base.errors;
        this.outages = outages;
    }

    /** Creates a client; no request is sent until the first operation. */
    public static ObjectStore connect(ObjectStoreConfig config) {
        LOG.debug("object store client for {}", config);
        return new ObjectStore(config, RetryPolicy.of(config));
    }

    /**
     * A view of this client (same connections; closing either closes both) whose operations ride through outages: an
     * operation failing with {@link ObjectStoreUnavailableException} is retried by {@code outages} with backoff until
     * the store answers again or the tolerance is exceeded. Each S3 request is idempotent (a put writes the same bytes
     * again), so retrying one operation at a time is safe where retrying a sequence would not be. The per-attempt
     * retries inside log at DEBUG; the outage retry logs one line per backoff step.
     */
    public ObjectStore riding(OutageRetry outages) {
        if (outages == null) {
            throw new IllegalArgumentException("outages must not be null");
        }
        return new ObjectStore(this, outages);
    }

    /** A view of this client that logs its per-attempt retries at DEBUG and does not ride outages (probes). */
    ObjectStore quiet() {
        return new ObjectStore(this, null);
    }

    /** The configuration (its {@code toString} is redacted). */
    public ObjectStoreConfig config() {
        return config;
    }

    /**
     * Reads a whole object of at most {@code maxBytes} bytes: the size is checked before the download and again while
     * reading.
     *
     * @throws ObjectTooLargeException when the object is larger than {@code maxBytes}
     * @throws ObjectNotFoundException when the object does not exist
     * @throws BucketNotFoundException when the bucket does not exist
     */
    @Override
    public byte[] get(S3Uri uri, long maxBytes) {
        requireObjectKey(uri);
        if (maxBytes < 0 || maxBytes > MAX_GET_BYTES) {
            throw new IllegalArgumentException("maxBytes must be between 0 and " + MAX_GET_BYTES + ", got " + maxBytes);
        }
        return ride("get " + uri, () -> {
            StoredObject stat = statOnce(uri);
            if (stat.size() > maxBytes) {
                throw new ObjectTooLargeException(uri, stat.size(), maxBytes);
            }
            return call("get " + uri, uri, () -> {
                try (InputStream in = client.getObject(GetObjectArgs.builder()
                        .bucket(uri.bucket())
                        .object(uri.key())
                        .build())) {
                    return readAtMost(in, uri, maxBytes);
                }
            });
        });
    }

    /** Size and recorded sha256 (null when absent) of an object. */
    public StoredObject stat(S3Uri uri) {
        requireObjectKey(uri);
        return ride("stat " + uri, () -> statOnce(uri));
    }

    private StoredObject statOnce(S3Uri uri) {
        try {
            StatObjectResponse r = retryRaw(
                    "stat " + uri,
                    () -> client.statObject(StatObjectArgs.builder()
                            .bucket(uri.bucket())
                            .object(uri.key())
                            .build()));
            return new StoredObject(uri, r.size(), r.userMetadata().get(SHA256_METADATA));
        } catch (Exception e) {
            throw notFoundOrMapped("stat " + uri, uri, e);
        }
    }

    /** True when the object exists; a missing bucket is an error ({@link BucketNotFoundException}). */
    public boolean exists(S3Uri uri) {
        try {
            stat(uri);
            return true;
        } catch (ObjectNotFoundException e) {
            return false;
        }
    }

    /** Writes {@code data}, recording its sha256; returns size and sha256. */
    @Override
    public StoredObject put(S3Uri uri, byte[] data, String contentType) {
        requireObjectKey(uri);
        String sha = Sha256.hex(data);
        ride(
                "put " + uri,
                () -> write(
                        "put " + uri,
                        uri,
                        () -> client.putObject(PutObjectArgs.builder().bucket(uri.bucket()).object(uri.key()).stream(
                                        new ByteArrayInputStream(data), data.length, -1)
                                .contentType(contentType == null ? DEFAULT_CONTENT_TYPE : contentType)
                                .userMetadata(Map.of(SHA256_METADATA, sha))
                                .build())));
        LOG.debug("put {} ({} bytes, sha256 {})", uri, data.length, sha);
        return new StoredObject(uri, data.length, sha);
    }

    /** Writes a local file, recording its sha256; returns size and sha256. */
    public StoredObject put(S3Uri uri, Path file, String contentType) {
        requireObjectKey(uri);
        long size;
        String sha;
        try {
            size = Files.size(file);
            try (InputStream in = Files.newInputStream(file)) {
                sha = Sha256.hex(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read local file " + file + ": " + e.getMessage(), e);
        }
        ride(
                "put " + uri,
                () -> write("put " + uri, uri, () -> {
                    try (InputStream in = Files.newInputStream(file)) {
                        return client.putObject(
                                PutObjectArgs.builder().bucket(uri.bucket()).object(uri.key()).stream(in, size, -1)
                                        .contentType(contentType == null ? DEFAULT_CONTENT_TYPE : contentType)
                                        .userMetadata(Map.of(SHA256_METADATA, sha))
                                        .build());
                    }
                }));
        LOG.debug("put {} from {} ({} bytes, sha256 {})", uri, file, size, sha);
        return new StoredObject(uri, size, sha);
    }

    /**
     * Every object whose key starts with {@code prefix}'s key, recursively, in key order; directory markers (keys
     * ending in {@code /}) are left out. Use a key ending in {@code /} to list a "folder".
     */
    @Override
    public List<ObjectInfo> list(S3Uri prefix) {
        return ride(
                "list " + prefix,
                () -> call("list " + prefix, prefix, () -> {
                    List<ObjectInfo> out = new ArrayList<>();
                    Iterable<Result<Item>> items = client.listObjects(ListObjectsArgs.builder()
                            .bucket(prefix.bucket())
                            .prefix(prefix.key())
                            .recursive(true)
                            .build());
                    for (Result<Item> result : items) {
                        Item item = result.get();
                        if (!item.isDir() && !item.objectName().endsWith("/")) {
                            out.add(new ObjectInfo(new S3Uri(prefix.bucket(), item.objectName()), item.size()));
                        }
                    }
                    return out;
                }));
    }

    /**
     * Makes sure the bucket exists, creating it if needed; idempotent and safe to call at every start. Tolerates a
     * bucket created meanwhile ({@code BucketAlreadyOwnedByYou}/{@code BucketAlreadyExists}) and a least-privilege
     * credential: one that may not create buckets passes when the bucket exists, and one that may not even look at the
     * bucket (e.g. rights on a prefix only) passes with a warning, leaving the verdict to its first read or write.
     *
     * @throws BucketNotFoundException when the bucket is missing and this credential may not create it
     * @throws ObjectStoreException for other failures (after retries of transient ones)
     */
    public void ensureBucket(String bucket) {
        S3Uri root = new S3Uri(bucket, "");
        ride("ensure bucket " + bucket, () -> {
            ensureBucketOnce(bucket, root);
            return null;
        });
    }

    private void ensureBucketOnce(String bucket, S3Uri root) {
        Boolean exists;
        try {
            exists = retryRaw(
                    "check bucket " + bucket,
                    () -> client.bucketExists(
                            BucketExistsArgs.builder().bucket(bucket).build()));
        } catch (Exception e) {
            ObjectStoreException mapped = errors.map("check bucket " + bucket, root, e);
            if (!(mapped instanceof AccessDeniedException)) {
                throw mapped;
            }
            exists = null;
        }
        if (Boolean.TRUE.equals(exists)) {
            LOG.debug("bucket {} exists at {}", bucket, config.endpoint());
            return;
        }
        try {
            retryRaw("create bucket " + bucket, () -> {
                client.makeBucket(MakeBucketArgs.builder()
                        .bucket(bucket)
                        .region(config.region())
                        .build());
                return null;
            });
            LOG.info("created bucket {} at {}", bucket, config.endpoint());
        } catch (Exception e) {
            String code = MinioErrors.code(e);
            if ("BucketAlreadyOwnedByYou".equals(code) || "BucketAlreadyExists".equals(code)) {
                LOG.info("bucket {} at {} already exists ({})", bucket, config.endpoint(), code);
                return;
            }
            ObjectStoreException mapped = errors.map("create bucket " + bucket, root, e, true);
            if (!(mapped instanceof AccessDeniedException)) {
                throw mapped;
            }
            if (exists == null) {
                LOG.warn(
                        "bucket {} at {}: this credential ({}) may neither look at nor create it; assuming it exists"
                                + " (its first read or write will tell)",
                        bucket,
                        config.endpoint(),
                        ObjectStoreConfig.redact(config.accessKey()));
                return;
            }
            throw new BucketNotFoundException(
                    bucket,
                    config.endpoint(),
                    "it is missing and the credential "
                            + ObjectStoreConfig.redact(config.accessKey()) + " may not create it (" + code
                            + "): create it with an"
                            + " administrative credential or grant s3:CreateBucket");
        }
    }

    /** Deletes an object; deleting a missing object is not an error (S3 semantics). */
    public void delete(S3Uri uri) {
        requireObjectKey(uri);
        ride(
                "delete " + uri,
                () -> write("delete " + uri, uri, () -> {
                    client.removeObject(RemoveObjectArgs.builder()
                            .bucket(uri.bucket())
                            .object(uri.key())
                            .build());
                    return null;
                }));
    }

    /** Stops the HTTP client's dispatcher threads and closes pooled connections. */
    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    /** Runs one operation, through the outage retry when this is a riding view. */
    private <T> T ride(String operation, Supplier<T> body) {
        return outages == null ? body.get() : outages.call(operation, body);
    }

    private <T> T call(String operation, S3Uri uri, Callable<T> body) {
        try {
            return retryRaw(operation, body);
        } catch (Exception e) {
            throw errors.map(operation, uri, e);
        }
    }

    /** Like {@link #call} for an operation that writes (a refused method then means "may not write"). */
    private <T> T write(String operation, S3Uri uri, Callable<T> body) {
        try {
            return retryRaw(operation, body);
        } catch (Exception e) {
            throw errors.map(operation, uri, e, true);
        }
    }

    private <T> T retryRaw(String operation, Callable<T> body) throws Exception {
        return retry.run(operation, body, MinioErrors::isTransient);
    }

    /** HEAD answers carry no body, so MinIO reports a missing bucket as NoSuchKey: ask the bucket. */
    private ObjectStoreException notFoundOrMapped(String operation, S3Uri uri, Exception e) {
        ObjectStoreException mapped = errors.map(operation, uri, e);
        if (mapped instanceof ObjectNotFoundException) {
            boolean bucketExists = call(
                    "check bucket " + uri.bucket(),
                    uri,
                    () -> client.bucketExists(
                            BucketExistsArgs.builder().bucket(uri.bucket()).build()));
            if (!bucketExists) {
                return new BucketNotFoundException(uri.bucket(), config.endpoint());
            }
        }
        return mapped;
    }

    private static byte[] readAtMost(InputStream in, S3Uri uri, long maxBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(maxBytes, 1 << 20));
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            total += n;
            if (total > maxBytes) {
                throw new ObjectTooLargeException(uri, -1, maxBytes);
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private static void requireObjectKey(S3Uri uri) {
        if (uri == null || uri.isPrefix()) {
            throw new IllegalArgumentException(
                    "expected an object URI, got " + (uri == null ? "null" : "prefix " + uri));
        }
    }
}
