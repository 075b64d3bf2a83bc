package dev.simclr.launcher.stack;

import dev.simclr.launcher.supervise.Child;
import dev.simclr.launcher.supervise.Health;
import dev.simclr.localstack.WatchedProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One service: a {@link WatchedProcess} running {@code quarkus-run.jar} behind the parent watchdog (no orphan when the
 * launcher dies), logging to {@code <data-dir>/logs/<name>.log}; a supervised {@link Child} whose health is its
 * MicroProfile Health endpoints and whose restart starts the same {@link ServiceSpec} again (same port, JVM options and
 * environment).
 */
public final class ServiceProcess implements Child {

    /** How long a failed service gets to stop (SIGTERM) before SIGKILL, ahead of its restart. */
    static final Duration RESTART_GRACE = Duration.ofSeconds(30);

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

    private final ServiceSpec spec;
    private final StackLayout layout;
    private volatile WatchedProcess process;

    private ServiceProcess(ServiceSpec spec, StackLayout layout, WatchedProcess process) {
        this.spec = spec;
        this.layout = layout;
        this.process = process;
    }

    /** Starts the service and returns at once (the supervisor waits for its readiness). */
    public static ServiceProcess start(ServiceSpec spec, StackLayout layout) {
        return new ServiceProcess(spec, layout, launch(spec, layout));
    }

    private static WatchedProcess launch(ServiceSpec spec, StackLayout layout) {
        WatchedProcess.Builder b = WatchedProcess.builder()
                .setName(spec.name())
                .setMainClass(ServiceSpec.QUARKUS_MAIN)
                .setWorkDir(layout.workDir(spec.name()))
                .setLogFile(layout.log(spec.name()))
                .optClassPath(spec.appJar().toString());
        spec.jvmArgs().forEach(b::optJvmArg);
        for (Map.Entry<String, String> e : spec.env().entrySet()) {
            b.optEnv(e.getKey(), e.getValue());
        }
        try {
            Files.createDirectories(layout.workDir(spec.name()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + layout.workDir(spec.name()) + ": " + e.getMessage(), e);
        }
        return b.start();
    }

    public ServiceSpec spec() {
        return spec;
    }

    @Override
    public String name() {
        return spec.name();
    }

    public String url() {
        return spec.url();
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public int exitCode() {
        return process.exitValue();
    }

    /** The current process. */
    public WatchedProcess process() {
        return process;
    }

    /** The stack.json entry. */
    public StackInfo.ServiceInfo info() {
        return new StackInfo.ServiceInfo(name(), url(), pid(), process.logFile().toString());
    }

    @Override
    public Health liveness() {
        return health("/q/health/live");
    }

    @Override
    public Health readiness() {
        return health("/q/health/ready");
    }

    @Override
    public Path logFile() {
        return layout.log(spec.name());
    }

    @Override
    public String logTail(int lines) {
        return LogTail.of(logFile(), lines);
    }

    /** Stops what is left of the current process ({@link #RESTART_GRACE}) and starts the same spec again. */
    @Override
    public synchronized void restart() {
        process.stop(RESTART_GRACE);
        process = launch(spec, layout);
    }

    /**
     * Waits until readiness is UP, for tools and tests that run one service on its own (the stack waits through its
     * supervisor).
     *
     * @throws IllegalStateException with the log tail when the process exits or is not ready in time
     */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!isAlive()) {
                throw new IllegalStateException(name() + " exited with code " + exitCode()
                        + " while starting; last lines of " + logFile() + ":" + System.lineSeparator() + logTail(25));
            }
            if (readiness().isUp()) {
                return;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name(), e);
            }
        }
        throw new IllegalStateException(name() + " was not ready within " + timeout.toSeconds() + " s; last lines of "
                + logFile() + ":" + System.lineSeparator() + logTail(25));
    }

    /** SIGTERM, up to {@code grace} for a graceful shutdown, then SIGKILL; true when it stopped in time. */
    public synchronized boolean stop(Duration grace) {
        return process.stop(grace);
    }

    private Health health(String path) {
        Optional<Http.Response> r = Http.get(url() + path, PROBE_TIMEOUT);
        return r.map(x -> Health.parse(x.status(), x.body())).orElse(Health.noAnswer());
    }
}
