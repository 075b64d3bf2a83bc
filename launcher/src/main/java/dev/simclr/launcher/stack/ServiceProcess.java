package dev.simclr.launcher.stack;

import dev.simclr.localstack.WatchedProcess;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One running service: a {@link WatchedProcess} running {@code quarkus-run.jar} behind the
 * parent watchdog (no orphan when the launcher dies), logging to {@code <data-dir>/logs/<name>.log}.
 */
public final class ServiceProcess {

  private final ServiceSpec spec;
  private final WatchedProcess process;

  private ServiceProcess(ServiceSpec spec, WatchedProcess process) {
    this.spec = spec;
    this.process = process;
  }

  /** Starts the service and returns at once (see {@link #awaitReady}). */
  public static ServiceProcess start(ServiceSpec spec, StackLayout layout) {
    WatchedProcess.Builder b = WatchedProcess.builder().setName(spec.name()).setMainClass(ServiceSpec.QUARKUS_MAIN)
        .setWorkDir(layout.workDir(spec.name())).setLogFile(layout.log(spec.name()))
        .optClassPath(spec.appJar().toString());
    spec.jvmArgs().forEach(b::optJvmArg);
    for (Map.Entry<String, String> e : spec.env().entrySet()) {
      b.optEnv(e.getKey(), e.getValue());
    }
    try {
      java.nio.file.Files.createDirectories(layout.workDir(spec.name()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot create " + layout.workDir(spec.name()) + ": " + e.getMessage(), e);
    }
    return new ServiceProcess(spec, b.start());
  }

  public ServiceSpec spec() {
    return spec;
  }

  public String name() {
    return spec.name();
  }

  public String url() {
    return spec.url();
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public WatchedProcess process() {
    return process;
  }

  /** The stack.json entry. */
  public StackInfo.ServiceInfo info() {
    return new StackInfo.ServiceInfo(name(), url(), pid(), process.logFile().toString());
  }

  /** The service's readiness answer now: true when {@code /q/health/ready} says UP (HTTP 200). */
  public boolean ready() {
    Optional<Http.Response> r = Http.get(url() + "/q/health/ready", Duration.ofSeconds(3));
    return r.isPresent() && r.get().status() == 200;
  }

  /**
   * Waits until the service is ready.
   *
   * @throws IllegalStateException when it exits first or the timeout passes (with its log's tail)
   */
  public void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name() + " exited with code " + process.exitValue() + " while starting; last lines of "
            + process.logFile() + ":" + System.lineSeparator() + process.logTail(25));
      }
      if (ready()) {
        return;
      }
      sleep(500);
    }
    throw new IllegalStateException(name() + " was not ready within " + timeout.toSeconds() + " s; last lines of "
        + process.logFile() + ":" + System.lineSeparator() + process.logTail(25));
  }

  /** SIGTERM, up to {@code grace} for a graceful shutdown, then SIGKILL; true when it stopped in time. */
  public boolean stop(Duration grace) {
    return process.stop(grace);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a service", e);
    }
  }
}
