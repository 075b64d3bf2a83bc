package dev.simclr.deploy.containers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The docker CLI, one command per call; output and exit code come back, nothing is hidden. */
final class Docker {

    /** One finished command. */
    record Result(int exitCode, String stdout, String stderr) {
        boolean ok() {
            return exitCode == 0;
        }

        String out() {
            return stdout.strip();
        }
    }

    /** Label of the images the smoke test builds (only their untagged predecessors are pruned). */
    static final String BUILT_BY = "dev.simclr.built-by=container-smoke-test";

    private Docker() {}

    /** Why no engine is usable, or null when {@code docker info} answers. */
    static String unavailableReason() {
        try {
            Result r = run(Duration.ofSeconds(20), "docker", "info", "--format", "{{.ServerVersion}}");
            return r.ok() && !r.out().isEmpty() ? null : "docker info failed: " + (r.stderr() + r.stdout()).strip();
        } catch (IOException e) {
            return "the docker CLI cannot run: " + e.getMessage();
        }
    }

    static boolean imageExists(String image) throws IOException {
        return run(Duration.ofSeconds(20), "docker", "image", "inspect", image).ok();
    }

    static long imageBytes(String image) throws IOException {
        return Long.parseLong(require(
                        run(Duration.ofSeconds(20), "docker", "image", "inspect", "-f", "{{.Size}}", image),
                        "inspect " + image)
                .out());
    }

    /** Builds {@code dockerfile} in {@code context} with build args; returns the seconds it took. */
    static double build(Path dockerfile, Path context, String tag, Map<String, String> buildArgs, Path log)
            throws IOException {
        List<String> cmd = new ArrayList<>(
                List.of("docker", "build", "-f", dockerfile.toString(), "-t", tag, "--label", BUILT_BY));
        buildArgs.forEach((k, v) -> cmd.addAll(List.of("--build-arg", k + "=" + v)));
        cmd.add(context.toString());
        long t0 = System.nanoTime();
        Result r = run(Duration.ofMinutes(10), cmd.toArray(String[]::new));
        Files.writeString(log, r.stdout() + r.stderr(), StandardCharsets.UTF_8);
        require(r, "build " + tag + " (log: " + log + ")");
        double seconds = (System.nanoTime() - t0) / 1e9;
        // The image this tag pointed to before, now untagged: removed, so reruns do not fill the disk.
        run(Duration.ofMinutes(2), "docker", "image", "prune", "-f", "--filter", "label=" + BUILT_BY);
        return seconds;
    }

    /** {@code docker run -d} with the given options; returns the container id. */
    static String runDetached(List<String> options, String image) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("docker", "run", "-d"));
        cmd.addAll(options);
        cmd.add(image);
        return require(run(Duration.ofMinutes(1), cmd.toArray(String[]::new)), "run " + image)
                .out();
    }

    static String inspect(String container, String format) throws IOException {
        return require(run(Duration.ofSeconds(20), "docker", "inspect", "-f", format, container), "inspect")
                .out();
    }

    static String logs(String container) throws IOException {
        Result r = run(Duration.ofSeconds(30), "docker", "logs", container);
        return r.stdout() + r.stderr();
    }

    /** Memory in use as docker stats reports it, in bytes (e.g. {@code 312.5MiB / 2GiB}). */
    static long memoryBytes(String container) throws IOException {
        String usage = require(
                        run(
                                Duration.ofSeconds(30),
                                "docker",
                                "stats",
                                "--no-stream",
                                "--format",
                                "{{.MemUsage}}",
                                container),
                        "stats")
                .out();
        String used = usage.split("/")[0].strip();
        double factor =
                used.endsWith("GiB") ? 1 << 30 : used.endsWith("MiB") ? 1 << 20 : used.endsWith("KiB") ? 1 << 10 : 1;
        return (long) (Double.parseDouble(used.replaceAll("[A-Za-z]+$", "")) * factor);
    }

    /** Lines of {@code docker diff}: changes to the container's root file system. */
    static List<String> diff(String container) throws IOException {
        String out = require(run(Duration.ofSeconds(30), "docker", "diff", container), "diff")
                .out();
        return out.isEmpty() ? List.of() : out.lines().toList();
    }

    /** SIGTERM, then SIGKILL after {@code grace}. */
    static void stop(String container, Duration grace) throws IOException {
        require(run(grace.plusMinutes(1), "docker", "stop", "-t", Long.toString(grace.toSeconds()), container), "stop");
    }

    static void removeQuietly(String container) {
        try {
            run(Duration.ofMinutes(1), "docker", "rm", "-f", "-v", container);
        } catch (IOException e) {
            // best effort in cleanup
        }
    }

    private static Result require(Result r, String what) throws IOException {
        if (!r.ok()) {
            throw new IOException(
                    "docker " + what + " failed (exit " + r.exitCode() + "): " + (r.stderr() + r.stdout()).strip());
        }
        return r;
    }

    static Result run(Duration timeout, String... cmd) throws IOException {
        Path out = Files.createTempFile("docker-out", ".txt");
        Path err = Files.createTempFile("docker-err", ".txt");
        try {
            Process p = new ProcessBuilder(cmd)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            try {
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    throw new IOException(String.join(" ", cmd) + " did not finish within " + timeout);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted: " + String.join(" ", cmd), e);
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
