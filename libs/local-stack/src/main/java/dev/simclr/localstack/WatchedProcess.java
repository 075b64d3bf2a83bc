package dev.simclr.localstack;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child JVM that cannot outlive this one: it runs {@link ParentWatchdog} in front of its real main class, its stdin
 * is a pipe held open by this process, its output is appended to a log file, and a shutdown hook stops it when this JVM
 * exits normally.
 *
 * <p>Where {@code setsid} exists (Linux), the child runs in a session of its own, so a Ctrl-C in the terminal reaches
 * only this process, which can then stop its children in order (e.g. the services before the servers they write to).
 * {@link #stop(Duration)} sends SIGTERM, waits for the grace period, then kills.
 */
public final class WatchedProcess {

    private static final Logger LOG = LoggerFactory.getLogger(WatchedProcess.class);
    private static final String WATCHDOG_CLASS = ParentWatchdog.class.getName().replace('.', '/') + ".class";
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final String name;
    private final Process process;
    private final OutputStream parentPipe;
    private final Path logFile;
    private final Thread shutdownHook;

    private WatchedProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.parentPipe = process.getOutputStream();
        this.logFile = logFile;
        this.shutdownHook = new Thread(() -> terminate(Duration.ofSeconds(5)), name + "-shutdown-" + process.pid());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** A builder: {@code setName}, {@code setMainClass}, {@code setWorkDir}, {@code setLogFile} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The java launcher of this JVM, so children run on the same runtime. */
    public static String javaExecutable() {
        return ProcessHandle.current()
                .info()
                .command()
                .filter(c -> Path.of(c).getFileName().toString().startsWith("java"))
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** The name given at launch (used in log lines). */
    public String name() {
        return name;
    }

    /** PID of the child JVM. */
    public long pid() {
        return process.pid();
    }

    /** The child's process handle (for descendant checks). */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** Whether the child is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, or -1 while the child runs. */
    public int exitValue() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** The file the child's stdout and stderr are appended to. */
    public Path logFile() {
        return logFile;
    }

    /** The last {@code lines} lines of the child's log. */
    public String logTail(int lines) {
        return LocalFiles.tail(logFile, lines);
    }

    /**
     * Stops the child: SIGTERM (a Quarkus service shuts down gracefully), up to {@code grace} for it to exit, then
     * SIGKILL. Idempotent.
     *
     * @return true when the child exited within the grace period, false when it had to be killed
     */
    public boolean stop(Duration grace) {
        boolean clean = terminate(grace);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException ignored) {
            // the JVM is already shutting down and the hook is running or done
        }
        return clean;
    }

    /** Kills the child at once: its stdin closes (the watchdog halts) and it gets SIGKILL. */
    public void kill() {
        closePipe();
        process.destroyForcibly();
    }

    private boolean terminate(Duration grace) {
        if (!process.isAlive()) {
            closePipe();
            return true;
        }
        // ProcessHandle.destroy, not Process.destroy: the latter also closes the child's stdin, and the
        // watchdog halts the child on that end-of-file before its graceful shutdown can run.
        process.toHandle().destroy();
        try {
            if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                closePipe();
                return true;
            }
            LOG.warn("{} (pid {}) did not stop within {} s; killing it", name, process.pid(), grace.toSeconds());
            kill();
            process.waitFor(10, TimeUnit.SECONDS);
            return false;
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void closePipe() {
        try {
            parentPipe.close();
        } catch (IOException ignored) {
            // the child is gone already
        }
    }

    /** Builder of a {@link WatchedProcess}. */
    public static final class Builder {
        private String name;
        private String mainClass;
        private Path workDir;
        private Path logFile;
        private final List<String> jvmArgs = new ArrayList<>();
        private final List<String> classPath = new ArrayList<>();
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private boolean ownSession = true;

        private Builder() {}

        /** Short name for logs, e.g. {@code trainer}. */
        public Builder setName(String name) {
            this.name = name;
            return this;
        }

        /** The real main class, run by the watchdog. */
        public Builder setMainClass(String mainClass) {
            this.mainClass = mainClass;
            return this;
        }

        /** Working directory of the child; the watchdog class file is written to {@code <workDir>/.watchdog}. */
        public Builder setWorkDir(Path workDir) {
            this.workDir = workDir;
            return this;
        }

        /** The log file (appended to; parent directories are created). */
        public Builder setLogFile(Path logFile) {
            this.logFile = logFile;
            return this;
        }

        /** One JVM option, e.g. {@code -Xmx512m}. */
        public Builder optJvmArg(String arg) {
            jvmArgs.add(arg);
            return this;
        }

        /** One class path entry (a jar or directory). */
        public Builder optClassPath(String entry) {
            classPath.add(entry);
            return this;
        }

        /** One argument of the real main class. */
        public Builder optArg(String arg) {
            args.add(arg);
            return this;
        }

        /** One environment variable (added to this process's environment). */
        public Builder optEnv(String key, String value) {
            env.put(key, value);
            return this;
        }

        /** Run the child in its own session via {@code setsid} when available (default true). */
        public Builder optOwnSession(boolean ownSession) {
            this.ownSession = ownSession;
            return this;
        }

        /** The full command line (without the environment). */
        public List<String> command() {
            require(name, "name");
            require(mainClass, "main class");
            require(workDir, "work directory");
            List<String> cp = new ArrayList<>(classPath);
            cp.add(workDir.resolve(".watchdog").toString());
            List<String> cmd = new ArrayList<>();
            if (ownSession && Files.isExecutable(SETSID)) {
                cmd.add(SETSID.toString());
            }
            cmd.add(javaExecutable());
            cmd.addAll(jvmArgs);
            cmd.add("-cp");
            cmd.add(String.join(File.pathSeparator, cp));
            cmd.add(ParentWatchdog.class.getName());
            cmd.add(String.valueOf(ProcessHandle.current().pid()));
            cmd.add(mainClass);
            cmd.addAll(args);
            return cmd;
        }

        /** Writes the watchdog class, starts the child and returns at once. */
        public WatchedProcess start() {
            List<String> cmd = command();
            require(logFile, "log file");
            try {
                writeWatchdog(workDir.resolve(".watchdog"));
                Files.createDirectories(logFile.toAbsolutePath().getParent());
                ProcessBuilder pb = new ProcessBuilder(cmd)
                        .directory(workDir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
                pb.environment().putAll(env);
                WatchedProcess p = new WatchedProcess(name, pb.start(), logFile);
                LOG.debug("started {} (pid {}): {}", name, p.pid(), cmd);
                return p;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + name + " (" + cmd.get(0) + "): " + e.getMessage(), e);
            }
        }

        private static void writeWatchdog(Path dir) throws IOException {
            Path target = dir.resolve(WATCHDOG_CLASS);
            try (InputStream in = ParentWatchdog.class.getClassLoader().getResourceAsStream(WATCHDOG_CLASS)) {
                if (in == null) {
                    throw new IllegalStateException("class file " + WATCHDOG_CLASS + " not found on the class path");
                }
                Files.createDirectories(target.getParent());
                Path tmp = Files.createTempFile(target.getParent(), "watchdog", ".tmp");
                Files.write(tmp, in.readAllBytes());
                Files.move(
                        tmp,
                        target,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
        }

        private static void require(Object value, String what) {
            if (value == null) {
                throw new IllegalArgumentException("watched process: " + what + " is required");
            }
        }
    }
}
