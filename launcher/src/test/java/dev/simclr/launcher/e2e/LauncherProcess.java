package dev.simclr.launcher.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@code simclr} run as the user runs it: its own JVM on the launcher's class path (what {@code ./simclr} runs),
 * console output to a file, stopped with a real SIGTERM.
 */
final class LauncherProcess implements AutoCloseable {

    private final Process process;
    private final Path output;

    private LauncherProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts {@code simclr args...} from the checkout {@code repo}; console output goes to {@code output}. */
    static LauncherProcess start(Path repo, Path output, String... args) throws IOException {
        String classPath = repo.resolve("launcher/target/classes")
                + java.io.File.pathSeparator
                + Files.readString(repo.resolve("launcher/target/classpath.txt"))
                        .strip();
        List<String> cmd = new ArrayList<>(
                List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m", "-Dsimclr.home=" + repo));
        String s3proxy = System.getProperty("simclr.s3proxy.jar");
        if (s3proxy != null) {
            cmd.add("-Dsimclr.s3proxy.jar=" + s3proxy);
        }
        cmd.addAll(List.of("-cp", classPath, "dev.simclr.launcher.Simclr"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile());
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        return new LauncherProcess(pb.start(), output);
    }

    /** The console output so far. */
    String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            return "(cannot read " + output + ": " + e.getMessage() + ")";
        }
    }

    /** Waits until a console line matches {@code regex}; false when the launcher exits first or time runs out. */
    boolean awaitLine(String regex, Duration timeout) throws InterruptedException {
        Pattern p = Pattern.compile(regex, Pattern.MULTILINE);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (p.matcher(output()).find()) {
                return true;
            }
            if (!process.isAlive()) {
                return p.matcher(output()).find();
            }
            Thread.sleep(200);
        }
        return false;
    }

    /** SIGTERM, as {@code kill PID} or a service manager sends it. */
    void sigterm() {
        process.toHandle().destroy();
    }

    /** The exit code, or null when the launcher still runs after {@code timeout}. */
    Integer awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    /** Kills the launcher (its children's watchdogs then end them) if it still runs. */
    @Override
    public void close() {
        process.destroyForcibly();
    }

    /** Processes whose command line mentions {@code dir}: the launcher's children in that data directory. */
    static List<String> processesUsing(Path dir) {
        String d = dir.toAbsolutePath().toString();
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .filter(h -> h.info().commandLine().map(c -> c.contains(d)).orElse(false))
                .map(h -> h.pid() + " " + h.info().commandLine().orElse("?"))
                .toList();
    }
}
