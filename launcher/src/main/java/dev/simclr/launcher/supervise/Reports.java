package dev.simclr.launcher.supervise;

import java.nio.file.Path;
import java.util.stream.Collectors;

/** The supervisor's console texts that span more than one line. */
final class Reports {

    private Reports() {}

    /**
     * A failure: what, why, and the last lines of the child's log, indented.
     *
     * <pre>
     * trainer failed while starting (pid 4711): liveness DOWN for 10s: trainer-thread DOWN: phase=FAILED, ...
     *   last lines of .simclr/logs/trainer.log:
     *   | 2026-12-07 08:00:01 ERROR ...
     * </pre>
     */
    static String failure(String name, long pid, String reason, boolean whileStarting, Path log, String tail) {
        String head = name + (whileStarting ? " failed while starting" : " failed") + " (pid " + pid + "): " + reason;
        if (tail == null || tail.isBlank()) {
            return head + System.lineSeparator() + "  (" + log + " is empty)";
        }
        return head + System.lineSeparator() + "  last lines of " + log + ":" + System.lineSeparator()
                + tail.lines().map(l -> "  | " + l).collect(Collectors.joining(System.lineSeparator()));
    }
}
