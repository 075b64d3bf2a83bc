package dev.simclr.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the command-line tools the checks need (kubectl, docker-compose). A missing tool fails with the reason and how
 * CI installs it: these checks never skip.
 */
final class Tools {

    /** Exit code, stdout and stderr of a finished command. */
    record Result(int exitCode, String stdout, String stderr) {}

    private Tools() {}

    /** The kubectl to use: system property {@code simclr.kubectl} (the pom passes it), else PATH. */
    static String kubectl() {
        String k = System.getProperty("simclr.kubectl", "");
        return k.isBlank() || k.startsWith("${") ? "kubectl" : k;
    }

    /** {@code kubectl kustomize <dir>}: the rendered manifests, or an AssertionError with kubectl's message. */
    static String kustomize(Path dir) {
        Result r = run(
                List.of(kubectl(), "kustomize", dir.toString()),
                dir,
                "kubectl renders the kustomize overlays; .ci/run installs it (apt-get install kubernetes-client)"
                        + " or pass -Dsimclr.kubectl=/path/to/kubectl");
        if (r.exitCode() != 0) {
            throw new AssertionError("kubectl kustomize " + dir + " failed (exit " + r.exitCode() + "): "
                    + r.stderr().strip());
        }
        return r.stdout();
    }

    /** Runs {@code command} in {@code dir} (2 minutes at most); {@code why} explains a missing tool. */
    static Result run(List<String> command, Path dir, String why) {
        return run(command, dir, null, why);
    }

    /**
     * Runs {@code command} in {@code dir} with exactly the environment {@code env} (null: this JVM's), 2 minutes at
     * most; {@code why} explains a missing tool.
     */
    static Result run(List<String> command, Path dir, Map<String, String> env, String why) {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile());
        if (env != null) {
            pb.environment().clear();
            pb.environment().putAll(env);
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new AssertionError(command.get(0) + " cannot be started (" + e.getMessage() + "): " + why, e);
        }
        try {
            p.getOutputStream().close();
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            String stdout = readAll(p.getInputStream());
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within 2 minutes");
            }
            return new Result(p.exitValue(), stdout, stderr.join());
        } catch (IOException e) {
            throw new AssertionError(
                    "closing the stdin of " + String.join(" ", command) + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new AssertionError("interrupted while running " + String.join(" ", command), e);
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading a child process's output failed", e);
        }
    }
}
