package dev.simclr.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An S3-compatible server for tests and demos: s3proxy's {@code jar-with-dependencies} in a child JVM with the
 * filesystem backend, on a free loopback port, AWS v2/v4 signatures.
 *
 * <p>Besides the main identity ({@link #accessKey()}, read-write), the builder can add identities with their own keys
 * ({@link Builder#optIdentity}), read-write or read-only, served by the same process over the same buckets: one
 * credential per service, as in production. A read-only identity's writes are refused with HTTP 501 (s3proxy's
 * {@code read-only-blobstore}).
 *
 * <p>Layout of the data directory: {@code buckets/} (one directory per bucket, the s3proxy basedir),
 * {@code s3proxy*.properties} (the child's configuration, owner-readable only) and {@code s3proxy.log} (the child's
 * output, shown in the error when it fails to start). The child halts when this JVM dies, even by {@code kill -9}: it
 * watches its stdin pipe and this PID.
 */
public final class EmbeddedS3 implements S3Endpoint {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedS3.class);
    private static final int LAUNCH_ATTEMPTS = 3;

    private final Path dataDir;
    private final boolean deleteOnClose;
    private final Path jar;
    private final Duration startTimeout;
    private final String endpoint;
    private final String accessKey;
    private final String secretKey;
    private final String region;
    private final List<Identity> identities;
    private S3ProxyProcess process;
    private boolean closed;

    /** What an identity may do. */
    public enum Access {
        /** Read and write every bucket. */
        READ_WRITE,
        /** Read every bucket; writes are refused. */
        READ_ONLY
    }

    /**
     * A credential the server accepts.
     *
     * @param accessKey access key
     * @param secretKey secret key
     * @param access what it may do
     */
    public record Identity(String accessKey, String secretKey, Access access) {
        /** Hides the secret key. */
        @Override
        public String toString() {
            return "Identity[" + accessKey + ", " + access + "]";
        }
    }

    private EmbeddedS3(Builder b, Path dataDir, Path jar, S3ProxyProcess process, String endpoint) {
        this.dataDir = dataDir;
        this.deleteOnClose = b.dataDir == null;
        this.jar = jar;
        this.startTimeout = b.startTimeout;
        this.process = process;
        this.endpoint = endpoint;
        this.accessKey = b.accessKey;
        this.secretKey = b.secretKey;
        this.region = b.region;
        this.identities = b.identities();
    }

    /**
     * Starts a server with random credentials.
     *
     * @param dataDir where buckets, configuration and log live; null for a temp directory deleted on close
     */
    public static EmbeddedS3 start(Path dataDir) {
        return builder().optDataDir(dataDir).start();
    }

    /** A builder for non-default credentials, region, jar or timeout. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String endpoint() {
        return endpoint;
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
        return region;
    }

    /** Every identity the server accepts, the main one first. */
    public List<Identity> identities() {
        return identities;
    }

    /** The data directory. */
    public Path dataDir() {
        return dataDir;
    }

    /** The s3proxy basedir: one sub-directory per bucket. */
    public Path bucketsDir() {
        return dataDir.resolve("buckets");
    }

    /** PID of the s3proxy child JVM. */
    public synchronized long pid() {
        return process.pid();
    }

    /** True while the s3proxy child runs. */
    public synchronized boolean isRunning() {
        return !closed && process.isAlive();
    }

    /**
     * Kills the server like a crash (SIGKILL), keeping its data directory, port and credentials for {@link #restart()};
     * clients get connection errors meanwhile. Idempotent.
     */
    public synchronized void kill() {
        requireOpen();
        if (process.isAlive()) {
            process.crash();
            LOG.info("embedded S3 at {} killed (pid {})", endpoint, process.pid());
        }
    }

    /**
     * Starts the server again on the same endpoint with the same data directory and credentials (after
     * {@link #kill()}), and waits until it answers.
     *
     * @throws IllegalStateException when it does not come up (e.g. another process took the port)
     */
    public synchronized void restart() {
        requireOpen();
        if (process.isAlive()) {
            return;
        }
        long t0 = System.nanoTime();
        Path log = dataDir.resolve("s3proxy.log");
        List<Path> confs = S3ProxyProcess.writeConfigs(dataDir, endpoint, identities);
        S3ProxyProcess p = S3ProxyProcess.launch(jar, confs, dataDir.resolve(".launcher"), log);
        process = p;
        if (!p.awaitReady(endpoint, startTimeout)) {
            throw new IllegalStateException("s3proxy did not come back at " + endpoint + "; last lines of " + log + ":"
                    + System.lineSeparator() + p.logTail());
        }
        LOG.info(
                "embedded S3 (s3proxy, pid {}) back at {} in {} ms",
                p.pid(),
                endpoint,
                (System.nanoTime() - t0) / 1_000_000);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("embedded S3 at " + endpoint + " is closed");
        }
    }

    /**
     * Creates a bucket by creating its directory under {@link #bucketsDir()}: s3proxy's filesystem backend treats every
     * directory there as a bucket, so this works before and after start.
     */
    @Override
    public void createBucket(String bucket) {
        try {
            Files.createDirectories(bucketsDir().resolve(LocalFiles.requireBucketName(bucket)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create bucket directory for " + bucket + ": " + e.getMessage(), e);
        }
    }

    /** Stops the child JVM and, for a temp data directory, deletes it. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        process.stop();
        if (deleteOnClose) {
            try {
                LocalFiles.deleteTree(dataDir);
            } catch (IOException e) {
                LOG.warn("cannot delete s3proxy data directory {}: {}", dataDir, e.getMessage());
            }
        }
        LOG.info("embedded S3 at {} stopped", endpoint);
    }

    @Override
    public String toString() {
        return "EmbeddedS3[" + endpoint + ", data " + dataDir + "]";
    }

    /** Builder: every value is optional. */
    public static final class Builder {
        private Path dataDir;
        private String accessKey = "local-" + randomHex(4);
        private String secretKey = randomHex(20);
        private String region = "us-east-1";
        private Path jar;
        private int port;
        private Duration startTimeout = Duration.ofSeconds(60);
        private final List<Identity> extra = new ArrayList<>();

        private Builder() {}

        /**
         * One more identity (e.g. one per service), served by the same process over the same buckets.
         *
         * @throws IllegalArgumentException for a blank key or an access key already used
         */
        public Builder optIdentity(String accessKey, String secretKey, Access access) {
            requireText("access key", accessKey);
            requireText("secret key", secretKey);
            if (access == null
                    || accessKey.equals(this.accessKey)
                    || extra.stream().anyMatch(i -> i.accessKey().equals(accessKey))) {
                throw new IllegalArgumentException(
                        "identity " + accessKey + ": access level missing or access key used twice");
            }
            extra.add(new Identity(accessKey, secretKey, access));
            return this;
        }

        private List<Identity> identities() {
            List<Identity> all = new ArrayList<>();
            all.add(new Identity(accessKey, secretKey, Access.READ_WRITE));
            all.addAll(extra);
            return List.copyOf(all);
        }

        /** Data directory; null (default) for a temp directory deleted on close. */
        public Builder optDataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** Access key (default: random per start). */
        public Builder optAccessKey(String accessKey) {
            this.accessKey = requireText("access key", accessKey);
            return this;
        }

        /** Secret key (default: random per start). */
        public Builder optSecretKey(String secretKey) {
            this.secretKey = requireText("secret key", secretKey);
            return this;
        }

        /** Region clients sign for (default {@code us-east-1}). */
        public Builder optRegion(String region) {
            this.region = requireText("region", region);
            return this;
        }

        /** The s3proxy jar (default: {@link S3ProxyJar#locate()}). */
        public Builder optJar(Path jar) {
            this.jar = jar;
            return this;
        }

        /**
         * The loopback port to listen on (default 0: a free port), e.g. the port of a server that died, so that clients
         * configured with its endpoint reach the new one.
         */
        public Builder optPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
            }
            this.port = port;
            return this;
        }

        /** How long to wait for the server to answer (default 60 s). */
        public Builder optStartTimeout(Duration startTimeout) {
            if (startTimeout == null || startTimeout.isNegative() || startTimeout.isZero()) {
                throw new IllegalArgumentException("start timeout must be positive, got " + startTimeout);
            }
            this.startTimeout = startTimeout;
            return this;
        }

        /** Starts the server and waits until it answers HTTP. */
        public EmbeddedS3 start() {
            long t0 = System.nanoTime();
            Path s3proxyJar = jar != null ? jar : S3ProxyJar.locate();
            Path dir = LocalFiles.dataDir(dataDir, "simclr-s3-").toAbsolutePath();
            try {
                createDirectories(dir.resolve("buckets"));
                Path log = dir.resolve("s3proxy.log");
                for (int attempt = 1; ; attempt++) {
                    String endpoint = "http://127.0.0.1:" + (port > 0 ? port : LocalFiles.freePorts(1)[0]);
                    List<Path> confs = S3ProxyProcess.writeConfigs(dir, endpoint, identities());
                    S3ProxyProcess p = S3ProxyProcess.launch(s3proxyJar, confs, dir.resolve(".launcher"), log);
                    if (p.awaitReady(endpoint, startTimeout)) {
                        LOG.info(
                                "embedded S3 (s3proxy, pid {}) up at {} in {} ms, {} identit{}, data in {}",
                                p.pid(),
                                endpoint,
                                (System.nanoTime() - t0) / 1_000_000,
                                confs.size(),
                                confs.size() == 1 ? "y" : "ies",
                                dir);
                        return new EmbeddedS3(this, dir, s3proxyJar, p, endpoint);
                    }
                    p.stop();
                    if (attempt == LAUNCH_ATTEMPTS || !p.logTail().contains("Address already in use")) {
                        throw new IllegalStateException("s3proxy exited before answering; last lines of " + log + ":"
                                + System.lineSeparator() + p.logTail());
                    }
                    LOG.warn("s3proxy lost the race for its port; retrying ({}/{})", attempt, LAUNCH_ATTEMPTS);
                    if (port > 0) {
                        pause(Duration.ofSeconds(1));
                    }
                }
            } catch (RuntimeException e) {
                if (dataDir == null) {
                    deleteQuietly(dir);
                }
                throw e;
            }
        }

        private static void pause(Duration d) {
            try {
                Thread.sleep(d.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the s3proxy port", e);
            }
        }

        private static void createDirectories(Path dir) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
            }
        }

        private static void deleteQuietly(Path dir) {
            try {
                LocalFiles.deleteTree(dir);
            } catch (IOException e) {
                LOG.warn("cannot delete {}: {}", dir, e.getMessage());
            }
        }

        private static String requireText(String what, String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank");
            }
            return value;
        }

        private static String randomHex(int bytes) {
            byte[] b = new byte[bytes];
            new SecureRandom().nextBytes(b);
            return HexFormat.of().formatHex(b);
        }
    }
}
