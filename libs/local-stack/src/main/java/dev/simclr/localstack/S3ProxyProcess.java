package dev.simclr.localstack;

import java.io.IOException;
import java.io.InputStream;
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
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The s3proxy child JVM: started behind {@link S3ProxyWatchdog} with its stdin held open by this
 * process, output appended to a log file, a shutdown hook, and an HTTP readiness probe.
 */
final class S3ProxyProcess {

  private static final Logger LOG = LoggerFactory.getLogger(S3ProxyProcess.class);
  private static final String S3PROXY_MAIN = "org.gaul.s3proxy.Main";
  private static final String WATCHDOG_CLASS = S3ProxyWatchdog.class.getName().replace('.', '/') + ".class";

  private final Process process;
  private final OutputStream parentPipe;
  private final Path logFile;
  private final Thread shutdownHook;

  private S3ProxyProcess(Process process, Path logFile) {
    this.process = process;
    this.parentPipe = process.getOutputStream();
    this.logFile = logFile;
    this.shutdownHook = new Thread(this::kill, "s3proxy-shutdown-" + process.pid());
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Launches the child; returns at once (see {@link #awaitReady}). */
  static S3ProxyProcess launch(Path jar, Path propertiesFile, Path launcherDir, Path logFile) {
    List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx256m", "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1", "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener",
        "-cp", jar + java.io.File.pathSeparator + writeWatchdog(launcherDir),
        S3ProxyWatchdog.class.getName(), String.valueOf(ProcessHandle.current().pid()),
        S3PROXY_MAIN, "--properties", propertiesFile.toString()));
    ProcessBuilder pb = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    pb.environment().putIfAbsent("LOG_LEVEL", "info");
    try {
      return new S3ProxyProcess(pb.start(), logFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start s3proxy (" + command.get(0) + "): " + e.getMessage(), e);
    }
  }

  /**
   * Writes {@code s3proxy.properties} (owner-readable only: it holds the credentials) with the
   * filesystem backend rooted at {@code <dir>/buckets}.
   */
  static Path writeConfig(Path dir, String endpoint, String accessKey, String secretKey) {
    Properties p = new Properties();
    p.setProperty("s3proxy.endpoint", endpoint);
    p.setProperty("s3proxy.authorization", "aws-v2-or-v4");
    p.setProperty("s3proxy.identity", accessKey);
    p.setProperty("s3proxy.credential", secretKey);
    p.setProperty("jclouds.provider", "filesystem");
    p.setProperty("jclouds.filesystem.basedir", dir.resolve("buckets").toString());
    Path conf = dir.resolve("s3proxy.properties");
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
    return ProcessHandle.current().info().command()
        .filter(c -> Path.of(c).getFileName().toString().startsWith("java"))
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /** Copies the watchdog class file into {@code dir} so the child can run it whatever loaded us. */
  private static Path writeWatchdog(Path dir) {
    Path target = dir.resolve(WATCHDOG_CLASS);
    try (InputStream in = S3ProxyWatchdog.class.getClassLoader().getResourceAsStream(WATCHDOG_CLASS)) {
      if (in == null) {
        throw new IllegalStateException("class file " + WATCHDOG_CLASS + " not found on the class path");
      }
      Files.createDirectories(target.getParent());
      Files.write(target, in.readAllBytes());
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the s3proxy watchdog to " + dir + ": " + e.getMessage(), e);
    }
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
      HttpURLConnection c = (HttpURLConnection) URI.create(endpoint + "/").toURL().openConnection();
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

  /** Stops the child: closes its stdin (the watchdog halts), then signals and waits. */
  void stop() {
    kill();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException ignored) {
      // the JVM is already shutting down and the hook is running or done
    }
  }

  private void kill() {
    try {
      parentPipe.close();
    } catch (IOException ignored) {
      // the child is gone already
    }
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        LOG.warn("s3proxy (pid {}) did not stop within 5 s; killing it", process.pid());
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
