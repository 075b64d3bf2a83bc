package dev.simclr.launcher.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running local stack: Kafka and S3 ({@link Infrastructure}) plus the three services as guarded
 * child JVMs, described by {@code stack.json}. {@link #close()} stops the services first (SIGTERM:
 * the trainer writes its final checkpoint while Kafka and S3 are still up), then the servers, and
 * deletes {@code stack.json}.
 */
public final class Stack implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Stack.class);
  /** The trainer may be in the middle of a step and then writes a checkpoint. */
  private static final Duration TRAINER_GRACE = Duration.ofSeconds(120);
  private static final Duration SERVICE_GRACE = Duration.ofSeconds(30);

  private final StackLayout layout;
  private final RunConfig run;
  private final Infrastructure infra;
  private final List<ServiceProcess> services;
  private final StackInfo info;
  private boolean closed;

  private Stack(StackLayout layout, RunConfig run, Infrastructure infra, List<ServiceProcess> services, StackInfo info) {
    this.layout = layout;
    this.run = run;
    this.infra = infra;
    this.services = services;
    this.info = info;
  }

  /**
   * Starts Kafka, S3 and the services (without waiting for them: see {@link #awaitReady}) and
   * writes stack.json.
   *
   * @param say receives one line per milestone
   */
  public static Stack start(StackLayout layout, RunConfig run, ServiceApps apps, ServicePorts ports, Consumer<String> say) {
    layout.create();
    long t0 = System.nanoTime();
    Infrastructure infra = Infrastructure.start(layout);
    say.accept("Kafka at " + infra.kafka().bootstrapServers() + ", S3 at " + infra.s3().endpoint() + " (data in "
        + layout.root() + ", " + seconds(t0) + ")");
    List<ServiceProcess> started = new ArrayList<>();
    try {
      ServiceEnv env = new ServiceEnv(run, infra.kafka().bootstrapServers(), infra.s3Info(), layout, apps, ports);
      for (ServiceSpec spec : env.specs()) {
        started.add(ServiceProcess.start(spec, layout));
      }
      say.accept("starting " + String.join(", ", started.stream().map(s -> s.name() + " (pid " + s.pid() + ", "
          + s.url() + ")").toList()) + "; logs in " + layout.logsDir());
      StackInfo info = new StackInfo(StackInfo.VERSION, ProcessHandle.current().pid(), Instant.now(),
          layout.root().toString(), run.runId(), new StackInfo.KafkaInfo(infra.kafka().bootstrapServers()),
          infra.s3Info(), started.stream().map(ServiceProcess::info).toList(),
          "http://127.0.0.1:" + ports.evaluator() + "/");
      info.write(layout.stackJson());
      return new Stack(layout, run, infra, List.copyOf(started), info);
    } catch (RuntimeException e) {
      started.forEach(s -> s.stop(SERVICE_GRACE));
      infra.close();
      throw e;
    }
  }

  /** Waits (in parallel) until every service is ready; {@code say} gets one line per service. */
  public void awaitReady(Duration timeout, Consumer<String> say) {
    long t0 = System.nanoTime();
    List<CompletableFuture<Void>> waits = services.stream().map(s -> CompletableFuture.runAsync(() -> {
      s.awaitReady(timeout);
      say.accept(s.name() + " ready (" + seconds(t0) + ")");
    })).toList();
    try {
      CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)).join();
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  public StackInfo info() {
    return info;
  }

  public StackLayout layout() {
    return layout;
  }

  public RunConfig run() {
    return run;
  }

  public Infrastructure infra() {
    return infra;
  }

  public List<ServiceProcess> services() {
    return services;
  }

  /** The service called {@code name}. */
  public ServiceProcess service(String name) {
    return services.stream().filter(s -> s.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no service " + name));
  }

  /** The first service that exited, if any. */
  public java.util.Optional<ServiceProcess> deadService() {
    return services.stream().filter(s -> !s.isAlive()).findFirst();
  }

  /**
   * Stops everything: the services in parallel (SIGTERM, grace, SIGKILL), then Kafka and S3;
   * deletes stack.json. Idempotent.
   *
   * @param say receives one line per milestone
   */
  public synchronized void stop(Consumer<String> say) {
    if (closed) {
      return;
    }
    closed = true;
    long t0 = System.nanoTime();
    List<CompletableFuture<Void>> stops = services.stream().map(s -> CompletableFuture.runAsync(() -> {
      boolean clean = s.stop(s.name().equals("trainer") ? TRAINER_GRACE : SERVICE_GRACE);
      say.accept(s.name() + (clean ? " stopped" : " did not stop in time and was killed") + " (" + seconds(t0) + ")");
    })).toList();
    CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
    infra.close();
    try {
      Files.deleteIfExists(layout.stackJson());
    } catch (IOException e) {
      LOG.warn("cannot delete {}: {}", layout.stackJson(), e.getMessage());
    }
    say.accept("Kafka and S3 stopped (" + seconds(t0) + ")");
  }

  @Override
  public void close() {
    stop(line -> LOG.info("{}", line));
  }

  private static String seconds(long t0) {
    return String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - t0) / 1e9);
  }
}
