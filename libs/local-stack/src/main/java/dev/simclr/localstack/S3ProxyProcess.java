package dev.simclr.localstack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The s3proxy child JVM: a {@link WatchedProcess} (behind {@link ParentWatchdog}, stdin held open by this process, in
 * its own session, output appended to a log file, a shutdown hook) plus an HTTP readiness probe.
 */
final class S3ProxyProcess {

    private static final String S3PROXY_MAIN = "org.gaul.s3proxy.Main";

    private final WatchedProcess process;
    private final Path logFile;

    private S3ProxyProcess(WatchedProcess process, Path logFile) {
        this.process = process;
        this.logFile = logFile;
    }

    /** Launches the child with one properties file per identity; returns at once (see {@link #awaitReady}). */
    static S3ProxyProcess launch(Path jar, List<Path> propertiesFiles, Path launcherDir, Path logFile) {
        WatchedProcess.Builder b = WatchedProcess.builder()
                .setName("s3proxy")
                .setMainClass(S3PROXY_MAIN)
                .setWorkDir(launcherDir)
                .setLogFile(logFile)
                .optJvmArg("-Xmx256m")
                .optJvmArg("-XX:+UseSerialGC")
                .optJvmArg("-XX:TieredStopAtLevel=1")
                .optJvmArg("-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener")
                .optClassPath(jar.toString())
                .optEnv("LOG_LEVEL", System.getenv().getOrDefault("LOG_LEVEL", "info"));
        for (Path f : propertiesFiles) {
            b.optArg("--properties").optArg(f.toString());
        }
        return new S3ProxyProcess(b.start(), logFile);
    }

    /**
     * Writes one properties file per identity (owner-readable only: they hold the credentials), each with the
     * filesystem backend rooted at {@code <dir>/buckets}: {@code s3proxy.properties} for the first,
     * {@code s3proxy-<n>.properties} for the others. s3proxy serves every identity from one process (its bucket locator
     * picks the backend by access key); a read-only identity's backend is wrapped by s3proxy's
     * {@code read-only-blobstore}, which refuses writes with HTTP 501.
     */
    static List<Path> writeConfigs(Path dir, String endpoint, List<EmbeddedS3.Identity> identities) {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < identities.size(); i++) {
            EmbeddedS3.Identity id = identities.get(i);
            out.add(writeConfig(
                    dir.resolve(i == 0 ? "s3proxy.properties" : "s3proxy-" + i + ".properties"),
                    dir,
                    endpoint,
                    id.accessKey(),
                    id.secretKey(),
                    id.access() == EmbeddedS3.Access.READ_ONLY));
        }
        return out;
    }

    private static Path writeConfig(
            Path conf, Path dir, String endpoint, String accessKey, String secretKey, boolean readOnly) {
        Properties p = new Properties();
        p.setProperty("s3proxy.endpoint", endpoint);
        p.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        p.setProperty("s3proxy.identity", accessKey);
        p.setProperty("s3proxy.credential", secretKey);
        p.setProperty("jclouds.provider", "filesystem");
        p.setProperty("jclouds.filesystem.basedir", dir.resolve("buckets").toString());
        if (readOnly) {
            p.setProperty("s3proxy.read-only-blobstore", "true");
        }
        try {
            Files.deleteIfExists(conf);
            Files.createFile(conf);
            conf.toFile().setReadable(false, false);
            conf.toFile().setReadable(true, true);
            try (OutputStream out = Files.newOutputStream(conf)) {
                p.store(out, "embedded s3proxy, written by dev.simclr.localstack.EmbeddedS3");
            }
            return conf;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + conf + ": " + e.getMessage(), e);
        }
    }

    /** The java launcher of this JVM, so the child runs on the same runtime. */
    static String javaExecutable() {
        return WatchedProcess.javaExecutable();
    }

    /**
     * Waits until {@code endpoint} answers HTTP (any status) or the timeout passes.
     *
     * @return true when ready; false when the child exited first (its log tells why)
     * @throws IllegalStateException when the timeout passes
     */
    boolean awaitReady(String endpoint, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return false;
            }
            if (answers(endpoint)) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
                throw new IllegalStateException("interrupted while waiting for s3proxy", e);
            }
        }
        kill();
        throw new IllegalStateException("s3proxy did not answer at " + endpoint + " within " + timeout.toSeconds()
                + " s; last lines of " + logFile + ":" + System.lineSeparator() + logTail());
    }

    private static boolean answers(String endpoint) {
        try {
            HttpURLConnection c =
                    (HttpURLConnection) URI.create(endpoint + "/").toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            try {
                return c.getResponseCode() > 0;
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String logTail() {
        return LocalFiles.tail(logFile, 30);
    }

    /** Kills the child at once (SIGKILL, like a crash) and waits until it is gone. */
    void crash() {
        process.kill();
        try {
            process.handle().onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("s3proxy (pid " + pid() + ") did not exit after SIGKILL", e);
        }
        process.stop(Duration.ZERO);
    }

    /** Stops the child: SIGTERM, then SIGKILL after 5 s; its watchdog halts when the stdin pipe closes. */
    void stop() {
        process.stop(Duration.ofSeconds(5));
    }

    private void kill() {
        process.kill();
    }
}
