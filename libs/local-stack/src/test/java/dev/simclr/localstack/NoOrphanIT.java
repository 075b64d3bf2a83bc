package dev.simclr.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The s3proxy child must not outlive its parent JVM, whether it is killed or simply exits. */
class NoOrphanIT {

    @Test
    void s3proxyDiesWhenItsParentIsKilledWithSigkill(@TempDir Path dir) throws Exception {
        Process parent = startProbe(dir, "wait");
        try {
            long s3proxyPid = readS3ProxyPid(parent);
            assertThat(ProcessHandle.of(s3proxyPid).map(ProcessHandle::isAlive)).contains(true);
            parent.destroyForcibly();
            assertThat(parent.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(parent.exitValue()).as("killed by SIGKILL").isEqualTo(137);
            assertGoneWithin(s3proxyPid, 5);
        } finally {
            parent.destroyForcibly();
        }
    }

    @Test
    void s3proxyDiesWhenItsParentExitsWithoutClosing(@TempDir Path dir) throws Exception {
        Process parent = startProbe(dir, "exit");
        try {
            long s3proxyPid = readS3ProxyPid(parent);
            assertThat(parent.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(parent.exitValue()).isZero();
            assertGoneWithin(s3proxyPid, 5);
        } finally {
            parent.destroyForcibly();
        }
    }

    private static Process startProbe(Path dir, String mode) throws IOException {
        List<String> cmd = List.of(
                S3ProxyProcess.javaExecutable(),
                "-Xmx128m",
                "-D" + S3ProxyJar.PROPERTY + "=" + S3ProxyJar.locate(),
                "-cp",
                System.getProperty("java.class.path"),
                OrphanProbeMain.class.getName(),
                dir.toString(),
                mode);
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    private static long readS3ProxyPid(Process parent) throws Exception {
        CompletableFuture<Long> pid = CompletableFuture.supplyAsync(() -> {
            BufferedReader r =
                    new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
            try {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("S3PROXY_PID=")) {
                        long value = Long.parseLong(
                                line.substring("S3PROXY_PID=".length()).trim());
                        drain(r);
                        return value;
                    }
                }
                throw new IllegalStateException("probe JVM exited without printing the s3proxy PID");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        return pid.get(90, TimeUnit.SECONDS);
    }

    private static void drain(BufferedReader r) {
        Thread t = new Thread(
                () -> {
                    try {
                        while (r.readLine() != null) {
                            // keep the probe's stdout pipe from filling up
                        }
                    } catch (IOException ignored) {
                        // the probe is gone
                    }
                },
                "probe-drain");
        t.setDaemon(true);
        t.start();
    }

    private static void assertGoneWithin(long pid, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline && running(pid)) {
            Thread.sleep(100);
        }
        assertThat(running(pid))
                .as("s3proxy (pid %d) still running %d s after its parent died", pid, seconds)
                .isFalse();
    }

    /** Alive and not a zombie (an exited orphan stays a zombie when PID 1 does not reap it). */
    private static boolean running(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String afterName = stat.substring(stat.lastIndexOf(')') + 1).trim();
            return !afterName.startsWith("Z") && !afterName.startsWith("X");
        } catch (IOException e) {
            return false;
        }
    }
}
