package dev.simclr.launcher.stack;

import dev.simclr.contracts.Durations;
import dev.simclr.launcher.supervise.Child;
import dev.simclr.launcher.supervise.StackFailure;
import dev.simclr.launcher.supervise.SupervisionPolicy;
import dev.simclr.launcher.supervise.SupervisionState;
import dev.simclr.launcher.supervise.Supervisor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running local stack: Kafka and S3 ({@link Infrastructure}) plus the three services as guarded child JVMs, described
 * by {@code stack.json}, watched by a {@link Supervisor} (S3 and the services: failures reported and restarted,
 * {@code supervision.json}). {@link #close()} stops the supervisor, then the services (SIGTERM: the trainer writes its
 * final checkpoint while Kafka and S3 are still up), then the servers, and deletes {@code stack.json} and
 * {@code supervision.json}.
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
    private volatile StackInfo info;
    private Supervisor supervisor;
    private boolean closed;

    private Stack(
            StackLayout layout, RunConfig run, Infrastructure infra, List<ServiceProcess> services, StackInfo info) {
        this.layout = layout;
        this.run = run;
        this.infra = infra;
        this.services = services;
        this.info = info;
    }

    /**
     * {@link #start(StackLayout, RunConfig, ServiceApps, ServicePorts, SupervisionPolicy, Consumer)} with the default
     * policy.
     */
    public static Stack start(
            StackLayout layout, RunConfig run, ServiceApps apps, ServicePorts ports, Consumer<String> say) {
        return start(layout, run, apps, ports, SupervisionPolicy.DEFAULT, say);
    }

    /**
     * Starts Kafka, S3 and the services (without waiting for them: see {@link #awaitReady}), writes stack.json and
     * starts supervising S3 and the services.
     *
     * @param say receives one line per milestone, and the supervisor's reports
     */
    public static Stack start(
            StackLayout layout,
            RunConfig run,
            ServiceApps apps,
            ServicePorts ports,
            SupervisionPolicy policy,
            Consumer<String> say) {
        layout.create();
        long t0 = System.nanoTime();
        Infrastructure infra = Infrastructure.start(layout);
        say.accept("Kafka at " + infra.kafka().bootstrapServers() + ", S3 at "
                + infra.s3().endpoint() + " (data in " + layout.root() + ", " + seconds(t0) + ")");
        List<ServiceProcess> started = new ArrayList<>();
        try {
            ServiceEnv env = new ServiceEnv(run, infra.kafka().bootstrapServers(), infra.s3Info(), layout, apps, ports);
            for (ServiceSpec spec : env.specs()) {
                started.add(ServiceProcess.start(spec, layout));
            }
            say.accept("starting "
                    + String.join(
                            ", ",
                            started.stream()
                                    .map(s -> s.name() + " (pid " + s.pid() + ", " + s.url() + ")")
                                    .toList())
                    + "; logs in " + layout.logsDir());
            StackInfo info = new StackInfo(
                    StackInfo.VERSION,
                    ProcessHandle.current().pid(),
                    Instant.now(),
                    layout.root().toString(),
                    run.runId(),
                    new StackInfo.KafkaInfo(infra.kafka().bootstrapServers()),
                    infra.s3Info(),
                    started.stream().map(ServiceProcess::info).toList(),
                    "http://127.0.0.1:" + ports.evaluator() + "/");
            info.write(layout.stackJson());
            Stack stack = new Stack(layout, run, infra, List.copyOf(started), info);
            stack.supervise(policy, say);
            return stack;
        } catch (RuntimeException e) {
            started.forEach(s -> s.stop(SERVICE_GRACE));
            infra.close();
            throw e;
        }
    }

    private void supervise(SupervisionPolicy policy, Consumer<String> say) {
        List<Child> children = new ArrayList<>();
        children.add(new S3Child(infra));
        children.addAll(services);
        supervisor = new Supervisor(children, List.of("s3"), policy, Clock.systemUTC(), say, this::supervisionChanged);
        supervisor.start();
    }

    /** Writes supervision.json, and stack.json again when a restart changed a service's PID. */
    private void supervisionChanged(SupervisionState state) {
        try {
            state.write(layout.supervisionJson());
            List<StackInfo.ServiceInfo> now =
                    services.stream().map(ServiceProcess::info).toList();
            if (!now.equals(info.services())) {
                info = info.withServices(now);
                info.write(layout.stackJson());
            }
        } catch (java.io.UncheckedIOException e) {
            LOG.warn("cannot record the supervision state: {}", e.getMessage());
        }
    }

    /**
     * Waits until every service is ready (true) or {@code stopRequested} says so (false); the supervisor tells each
     * service's readiness.
     *
     * @throws StackFailure when a service fails while starting (its reason and log lines were told)
     */
    public boolean awaitReady(BooleanSupplier stopRequested) {
        return supervisor.awaitReady(stopRequested);
    }

    /** The supervisor of S3 and the services. */
    public Supervisor supervisor() {
        return supervisor;
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
        return services.stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }

    /** The first service that exited, if any. */
    public java.util.Optional<ServiceProcess> deadService() {
        return services.stream().filter(s -> !s.isAlive()).findFirst();
    }

    /**
     * Stops everything: the services in parallel (SIGTERM, grace, SIGKILL), then Kafka and S3; deletes stack.json.
     * Idempotent.
     *
     * @param say receives one line per milestone
     */
    public synchronized void stop(Consumer<String> say) {
        if (closed) {
            return;
        }
        closed = true;
        long t0 = System.nanoTime();
        if (supervisor != null) {
            supervisor.close();
        }
        List<CompletableFuture<Void>> stops = services.stream()
                .map(s -> CompletableFuture.runAsync(() -> {
                    boolean clean = s.stop(s.name().equals("trainer") ? TRAINER_GRACE : SERVICE_GRACE);
                    say.accept(s.name() + (clean ? " stopped" : " did not stop in time and was killed") + " ("
                            + seconds(t0) + ")");
                }))
                .toList();
        CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
        infra.close();
        for (Path file : List.of(layout.stackJson(), layout.supervisionJson())) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warn("cannot delete {}: {}", file, e.getMessage());
            }
        }
        say.accept("Kafka and S3 stopped (" + seconds(t0) + ")");
    }

    @Override
    public void close() {
        stop(line -> LOG.info("{}", line));
    }

    private static String seconds(long t0) {
        return Durations.seconds(Duration.ofNanos(System.nanoTime() - t0));
    }
}
