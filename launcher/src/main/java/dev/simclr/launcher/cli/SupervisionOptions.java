package dev.simclr.launcher.cli;

import dev.simclr.launcher.UserException;
import dev.simclr.launcher.supervise.SupervisionPolicy;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The supervision options of {@code up} and {@code demo}: grace periods, restart backoff and when to give up. */
public final class SupervisionOptions {

    @Option(
            names = "--liveness-grace",
            paramLabel = "DURATION",
            defaultValue = "10s",
            description = "restart a process whose liveness stays DOWN this long (default: ${DEFAULT-VALUE})")
    String livenessGrace;

    @Option(
            names = "--readiness-grace",
            paramLabel = "DURATION",
            defaultValue = "30s",
            description =
                    "report a process that is alive but not ready this long; no restart (default: ${DEFAULT-VALUE})")
    String readinessGrace;

    @Option(
            names = "--restart-backoff",
            paramLabel = "DURATION",
            defaultValue = "2s",
            description = "delay before the first restart; doubles with each failure in the window, at most 1m"
                    + " (default: ${DEFAULT-VALUE})")
    String backoff;

    @Option(
            names = "--max-restarts",
            paramLabel = "N",
            defaultValue = "3",
            description = "restarts of one process allowed within --restart-window; the next failure stops the stack"
                    + " (default: ${DEFAULT-VALUE})")
    int maxRestarts;

    @Option(
            names = "--restart-window",
            paramLabel = "DURATION",
            defaultValue = "10m",
            description = "the window failures are counted in (default: ${DEFAULT-VALUE})")
    String restartWindow;

    /** The policy these options describe. */
    public SupervisionPolicy policy() {
        try {
            return SupervisionPolicy.DEFAULT.withOptions(
                    parse("--liveness-grace", livenessGrace),
                    parse("--readiness-grace", readinessGrace),
                    parse("--restart-backoff", backoff),
                    maxRestarts,
                    parse("--restart-window", restartWindow));
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
    }

    private static Duration parse(String option, String text) {
        return UpCommand.parseDuration(option, text);
    }
}
