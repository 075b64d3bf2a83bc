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
 * ONNX Runtime 1.29.0 overflows the native stack while it creates its environment in a process
 * with a long command line (its POSIX telemetry runs {@code std::regex} over
 * {@code /proc/self/cmdline}): {@link OrtRuntime} switches telemetry off first. Both cases run in
 * a child JVM whose command line carries 40,000 characters of arguments and whose environment has
 * no {@code ORT_DISABLE_TELEMETRY}.
 */
class OrtRuntimeTest {

  /** Child main: creates the environment the way args[0] says and prints one line. */
  public static final class Probe {
    public static void main(String[] args) {
      OrtEnvironment env = args[0].equals("runtime") ? OrtRuntime.environment() : OrtEnvironment.getEnvironment();
      System.out.println("environment " + (env != null) + " telemetry " + OrtRuntime.telemetrySwitch()
          + " args " + args.length);
    }
  }

  private record Outcome(int exitCode, String stdout) {}

  private static Outcome probe(String how) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xss1m", "-cp", System.getProperty("java.class.path"), Probe.class.getName(), how));
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
   * The upstream bug this class works around, still present in the ONNX Runtime on the class path:
   * when this fails after an ONNX Runtime upgrade, the crash is fixed upstream (the switch stays:
   * it also keeps telemetry from phoning home).
   */
  @Test
  void plainOnnxRuntimeStillCrashesOnALongCommandLine() throws Exception {
    Outcome o = probe("plain");
    assertThat(o.exitCode()).as("exit code of plain OrtEnvironment.getEnvironment() with a long command line; "
        + "output: " + o.stdout()).isEqualTo(128 + 11);
    assertThat(o.stdout()).doesNotContain("environment true");
  }
}
