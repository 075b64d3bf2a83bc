package dev.simclr.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.contracts.Sha256;
import dev.simclr.localstack.EmbeddedS3;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ObjectStore through the MinIO SDK against a real (embedded) s3proxy. */
class ObjectStoreIT {

    private static final String BUCKET = "it-store";
    private static EmbeddedS3 s3;
    private static ObjectStore store;

    @BeforeAll
    static void start() {
        s3 = EmbeddedS3.start(null);
        store = ObjectStore.connect(config(s3.accessKey(), s3.secretKey()));
        store.ensureBucket(BUCKET);
    }

    @AfterAll
    static void stop() {
        store.close();
        s3.close();
    }

    static ObjectStoreConfig config(String accessKey, String secretKey) {
        return ObjectStoreConfig.builder()
                .setEndpoint(s3.endpoint())
                .setAccessKey(accessKey)
                .setSecretKey(secretKey)
                .optRegion(s3.region())
                .build();
    }

    private static S3Uri uri(String key) {
        return new S3Uri(BUCKET, key);
    }

    @Test
    void putGetExistsStatDelete() {
        byte[] data = "hello object store".getBytes(StandardCharsets.UTF_8);
        StoredObject stored = store.put(uri("basic/hello.txt"), data, "text/plain");
        assertThat(stored.size()).isEqualTo(data.length);
        assertThat(stored.sha256()).isEqualTo(Sha256.hex(data));
        assertThat(store.stat(uri("basic/hello.txt"))).isEqualTo(stored);
        assertThat(store.get(uri("basic/hello.txt"), 1024)).isEqualTo(data);
        assertThat(store.exists(uri("basic/hello.txt"))).isTrue();
        store.delete(uri("basic/hello.txt"));
        assertThat(store.exists(uri("basic/hello.txt"))).isFalse();
        store.delete(uri("basic/hello.txt"));
    }

    @Test
    void listIsRecursiveAndLeavesOutDirectoryEntries() throws Exception {
        store.put(uri("tree/a/b/c.bin"), new byte[3], null);
        store.put(uri("tree/a/d.bin"), new byte[4], null);
        store.put(uri("tree/x.bin"), new byte[5], null);
        assertThat(store.list(uri("tree/a/")))
                .extracting(o -> o.uri().key(), ObjectInfo::size)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("tree/a/b/c.bin", 3L),
                        org.assertj.core.groups.Tuple.tuple("tree/a/d.bin", 4L));
        assertThat(store.list(new S3Uri(BUCKET, "")))
                .extracting(o -> o.uri().key())
                .contains("tree/a/b/c.bin", "tree/a/d.bin", "tree/x.bin")
                .noneMatch(k -> k.endsWith("/"));
        assertThat(store.list(uri("tree/nothing-here/"))).isEmpty();
        assertThat(rawRecursiveKeys())
                .as("s3proxy's filesystem backend reports directory entries that list() drops")
                .anyMatch(k -> k.endsWith("/"));
    }

    private static java.util.List<String> rawRecursiveKeys() throws Exception {
        MinioClient raw = MinioClient.builder()
                .endpoint(s3.endpoint())
                .credentials(s3.accessKey(), s3.secretKey())
                .region(s3.region())
                .build();
        java.util.List<String> keys = new java.util.ArrayList<>();
        for (Result<Item> r : raw.listObjects(
                ListObjectsArgs.builder().bucket(BUCKET).recursive(true).build())) {
            keys.add(r.get().objectName());
        }
        return keys;
    }

    @Test
    void twentyMegabytesRoundTripWithSha256(@TempDir Path tmp) throws Exception {
        byte[] data = new byte[20 * 1024 * 1024];
        new Random(7).nextBytes(data);
        StoredObject fromBytes = store.put(uri("large/bytes.bin"), data, null);
        byte[] back = store.get(uri("large/bytes.bin"), 32L * 1024 * 1024);
        assertThat(Sha256.hex(back)).isEqualTo(Sha256.hex(data)).isEqualTo(fromBytes.sha256());
        assertThat(back.length).isEqualTo(data.length);

        Path file = Files.write(tmp.resolve("large.bin"), data);
        StoredObject fromFile = store.put(uri("large/file.bin"), file, null);
        assertThat(fromFile.sha256()).isEqualTo(fromBytes.sha256());
        assertThat(store.stat(uri("large/file.bin"))).isEqualTo(fromFile);
    }

    @Test
    void tooSmallLimitIsRefused() {
        store.put(uri("limit/ten.bin"), new byte[10], null);
        assertThatThrownBy(() -> store.get(uri("limit/ten.bin"), 9))
                .isInstanceOf(ObjectTooLargeException.class)
                .hasMessage("object too large: s3://it-store/limit/ten.bin has 10 bytes, limit 9 bytes");
        assertThat(store.get(uri("limit/ten.bin"), 10)).hasSize(10);
    }

    @Test
    void missingObjectAndBucketHaveTheirOwnErrors() {
        assertThatThrownBy(() -> store.get(uri("missing/nothing.bin"), 10))
                .isInstanceOf(ObjectNotFoundException.class)
                .hasMessage("object not found: s3://it-store/missing/nothing.bin");
        assertThat(store.exists(uri("missing/nothing.bin"))).isFalse();
        S3Uri noBucket = S3Uri.parse("s3://no-such-bucket/k");
        assertThatThrownBy(() -> store.get(noBucket, 10))
                .isInstanceOf(BucketNotFoundException.class)
                .hasMessageContaining("bucket not found: no-such-bucket");
        assertThatThrownBy(() -> store.exists(noBucket)).isInstanceOf(BucketNotFoundException.class);
        assertThatThrownBy(() -> store.list(noBucket.parent())).isInstanceOf(BucketNotFoundException.class);
        assertThatThrownBy(() -> store.put(noBucket, new byte[1], null)).isInstanceOf(BucketNotFoundException.class);
    }

    @Test
    void wrongCredentialsAreAccessDenied() {
        store.put(uri("secure/x.bin"), new byte[1], null);
        try (ObjectStore badKey = ObjectStore.connect(config("wrong-access-key", s3.secretKey()));
                ObjectStore badSecret = ObjectStore.connect(config(s3.accessKey(), "wrong-secret-value"))) {
            assertThatThrownBy(() -> badKey.get(uri("secure/x.bin"), 10))
                    .isInstanceOf(AccessDeniedException.class)
                    .hasMessageContaining("access denied: stat s3://it-store/secure/x.bin");
            assertThatThrownBy(() -> badSecret.list(uri("secure/")))
                    .isInstanceOf(AccessDeniedException.class)
                    .satisfies(e -> assertThat(((AccessDeniedException) e).code())
                            .isIn("SignatureDoesNotMatch", "AccessDenied"))
                    .message()
                    .doesNotContain("wrong-secret-value")
                    .doesNotContain(s3.secretKey());
            assertThatThrownBy(() -> badSecret.put(uri("secure/y.bin"), new byte[1], null))
                    .isInstanceOf(AccessDeniedException.class);
        }
    }

    @Test
    void ensureBucketIsIdempotent() {
        store.ensureBucket("it-fresh-bucket");
        store.ensureBucket("it-fresh-bucket");
        store.put(new S3Uri("it-fresh-bucket", "k"), new byte[2], null);
        assertThat(store.list(new S3Uri("it-fresh-bucket", ""))).hasSize(1);
    }

    @Test
    void prefixUrisAreNotObjects() {
        assertThatThrownBy(() -> store.get(uri("dir/"), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected an object URI");
    }

    @Test
    void closedClientLetsACliJvmExitPromptly() throws Exception {
        store.put(uri("cli/x.bin"), new byte[8], null);
        ProcessBuilder pb = new ProcessBuilder(
                        javaExecutable(),
                        "-Xmx128m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        CliExitProbe.class.getName(),
                        "s3://" + BUCKET + "/cli/x.bin")
                .redirectErrorStream(true);
        pb.environment().put("SIMCLR_S3_ENDPOINT", s3.endpoint());
        pb.environment().put("SIMCLR_S3_ACCESS_KEY", s3.accessKey());
        pb.environment().put("SIMCLR_S3_SECRET_KEY", s3.secretKey());
        Process p = pb.start();
        long t0 = System.nanoTime();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS))
                .as("probe exited; output: %s", out)
                .isTrue();
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        assertThat(out).contains("read 8 bytes");
        assertThat(p.exitValue()).isZero();
        assertThat(seconds)
                .as("MinIO/OkHttp threads would keep the JVM ~60 s without close()")
                .isLessThan(20);
    }

    private static String javaExecutable() {
        return ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
