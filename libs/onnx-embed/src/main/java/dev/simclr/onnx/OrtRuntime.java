package dev.simclr.onnx;

import ai.onnxruntime.OrtEnvironment;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way this project obtains ONNX Runtime's {@link OrtEnvironment}: with ONNX Runtime's telemetry switched off
 * before the environment exists.
 *
 * <p>Why: ONNX Runtime 1.29.0 (the first release with telemetry on Linux/macOS, upstream pull request
 * microsoft/onnxruntime#27379) logs a {@code ProcessInfo} event while it creates its environment and first runs
 * libstdc++ {@code std::regex} redactions over the process command line ({@code /proc/self/cmdline}). libstdc++'s regex
 * executor recurses once per character, so a long command line (a few kB: {@code embed} with a few dozen image paths as
 * arguments, or a long {@code -cp}) overflows the calling thread's stack inside
 * {@code OrtEnvironment.getEnvironment()}: SIGSEGV, no {@code hs_err} file. A bigger stack only moves the limit. The
 * documented switch is the environment variable {@code ORT_DISABLE_TELEMETRY=1}, read once by ONNX Runtime when the
 * environment is created (it also stops the telemetry uploader and its outbound connections). A JVM cannot change its
 * own environment through the JDK, so this class calls libc's {@code setenv} through JNA before it creates the
 * environment; deployments also set the variable.
 */
public final class OrtRuntime {

    /** ONNX Runtime's telemetry opt-out variable. */
    public static final String TELEMETRY_SWITCH = "ORT_DISABLE_TELEMETRY";

    private static final Logger LOG = LoggerFactory.getLogger(OrtRuntime.class);
    private static OrtEnvironment environment;
    private static TelemetrySwitch telemetry;

    private OrtRuntime() {}

    /** How telemetry was switched off. */
    public enum TelemetrySwitch {
        /** {@code ORT_DISABLE_TELEMETRY=1} was already in the process environment. */
        ENVIRONMENT,
        /** This class set it with libc {@code setenv} before ONNX Runtime started. */
        SETENV,
        /** Not needed: ONNX Runtime has no POSIX telemetry on this platform (Windows). */
        NOT_APPLICABLE
    }

    /**
     * The process-wide environment, created on first use with telemetry off.
     *
     * @throws IllegalStateException when telemetry cannot be switched off (the environment is then not created, because
     *     creating it could crash the JVM)
     */
    public static synchronized OrtEnvironment environment() {
        if (environment == null) {
            telemetry = disableTelemetry();
            environment = OrtEnvironment.getEnvironment();
        }
        return environment;
    }

    /** How telemetry was switched off, or null before {@link #environment()} ran. */
    public static synchronized TelemetrySwitch telemetrySwitch() {
        return telemetry;
    }

    private static TelemetrySwitch disableTelemetry() {
        if (Platform.isWindows()) {
            return TelemetrySwitch.NOT_APPLICABLE;
        }
        if ("1".equals(System.getenv(TELEMETRY_SWITCH))) {
            return TelemetrySwitch.ENVIRONMENT;
        }
        int rc;
        try {
            rc = Native.load(Platform.C_LIBRARY_NAME, LibC.class).setenv(TELEMETRY_SWITCH, "1", 1);
        } catch (LinkageError e) {
            throw new IllegalStateException(
                    "cannot switch off ONNX Runtime telemetry (libc setenv through JNA failed: " + e.getMessage()
                            + "); start the JVM with " + TELEMETRY_SWITCH + "=1 in its environment",
                    e);
        }
        if (rc != 0) {
            throw new IllegalStateException("cannot switch off ONNX Runtime telemetry (setenv returned " + rc
                    + "); start the JVM with " + TELEMETRY_SWITCH + "=1 in its environment");
        }
        LOG.debug("{}=1 set in the process environment before ONNX Runtime starts", TELEMETRY_SWITCH);
        return TelemetrySwitch.SETENV;
    }

    /** libc's {@code setenv(3)}. */
    interface LibC extends Library {
        int setenv(String name, String value, int overwrite);
    }
}
