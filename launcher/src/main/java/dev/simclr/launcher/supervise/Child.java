package dev.simclr.launcher.supervise;

import java.nio.file.Path;

/** A child process the {@link Supervisor} watches and restarts: the S3 server or a service. */
public interface Child {

    /** Short name, e.g. {@code s3} or {@code trainer}. */
    String name();

    /** PID of the current process. */
    long pid();

    /** Whether the current process runs. */
    boolean isAlive();

    /** Exit code of the current process, or -1 while it runs or when it is unknown (not our child process). */
    int exitCode();

    /** The liveness answer now (only asked while the process runs). */
    Health liveness();

    /** The readiness answer now (only asked while liveness is UP). */
    Health readiness();

    /** The log file of the child. */
    Path logFile();

    /** The last {@code lines} lines of its log. */
    String logTail(int lines);

    /**
     * Stops what is left of the current process and starts a new one with the same configuration (the S3 server on the
     * same data directory and port).
     *
     * @throws RuntimeException when the new process cannot be started
     */
    void restart();
}
