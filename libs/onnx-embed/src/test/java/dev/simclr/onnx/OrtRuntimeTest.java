package dev.simclr.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OrtEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * ONNX Runtime 1.29.0 overflows the native stack while it creates its environment in a process with a long command line
 * (its POSIX telemetry runs {@code std::regex} over {@code /proc/self/cmdline}): {@link OrtRuntime} switches telemetry
 * off first. The probe runs in a child JVM whose command line carries 40,000 characters of arguments and whose
 * environment has no {@code ORT_DISABLE_TELEMETRY}.
 *
 * <p>Whether plain ONNX Runtime crashes on such a command line depends on the machine (it crashed on the development
 * machine and did not on a CI machine).
 */
class OrtRuntimeTest {

    /** Child main: creates the environment the way args[0] says and prints one line. */
    public static final class Probe {
        public static void main(String[] args) {
            OrtEnvironment env = args[0].equals("runtime") ? OrtRuntime.environment() : OrtEnvironment.getEnvironment();
            System.out.println("environment " + (env != null) + " telemetry " + OrtRuntime.telemetrySwitch() + " args "
                    + args.length);
        }
    }

    private record Outcome(int exitCode, String stdout) {}

    private static Outcome probe(String how) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xss1m",
                "-cp",
                System.getProperty("java.class.path"),
                Probe.class.getName(),
                how));
        for (int i = 0; i < 4_000; i++) {
            cmd.add("image-" + i);
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove(OrtRuntime.TELEMETRY_SWITCH);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Outcome(p.exitValue(), out);
    }

    @Test
    void environmentIsCreatedWithTelemetryOffInAProcessWithALongCommandLine() throws Exception {
        Outcome o = probe("runtime");
        assertThat(o.exitCode()).as(o.stdout()).isZero();
        assertThat(o.stdout()).contains("environment true telemetry SETENV args 4001");
    }

    /**
     * The unpatched environment either comes up or dies of the known stack overflow (SIGSEGV, no output), nothing else;
     * on a machine where it used to crash, an ONNX Runtime upgrade that fixes the bug shows here as the first branch.
     */
    @Test
    void plainOnnxRuntimeEitherStartsOrOverflowsTheStack() throws Exception {
        Outcome o = probe("plain");
        if (o.exitCode() == 0) {
            assertThat(o.stdout()).contains("environment true telemetry null args 4001");
            return;
        }
        assertThat(o.exitCode())
                .as("exit code of plain OrtEnvironment.getEnvironment() with a long command line; " + "output: "
                        + o.stdout())
                .isEqualTo(128 + 11);
        assertThat(o.stdout()).doesNotContain("environment true");
    }
}
