package dev.simclr.launcher.supervise;

import java.time.Duration;
import java.util.Objects;

/**
 * How the launcher watches its children and when it restarts them or gives up. A child fails when its process exits,
 * its liveness answers DOWN for {@code livenessGrace}, its health endpoint does not answer at all for
 * {@code unresponsiveGrace} once it was up, or it is not ready within {@code startTimeout}. Readiness DOWN with
 * liveness UP (a dependency outage) is only reported, after {@code readinessGrace}. The n-th failure within
 * {@code restartWindow} is followed by a restart after {@code backoff}·2<sup>n-1</sup> (at most {@code maxBackoff});
 * the failure after {@code maxRestarts} restarts within the window stops the stack.
 *
 * @param probeInterval time between two looks at every child
 * @param livenessGrace how long liveness may answer DOWN
 * @param unresponsiveGrace how long a running child's health endpoint may not answer
 * @param readinessGrace how long readiness may be DOWN before it is reported
 * @param startTimeout how long a (re)started child may take to become ready
 * @param backoff delay before the first restart within a window
 * @param maxBackoff the longest delay before a restart
 * @param maxRestarts restarts allowed within {@code restartWindow}
 * @param restartWindow the window failures are counted in
 */
public record SupervisionPolicy(
        Duration probeInterval,
        Duration livenessGrace,
        Duration unresponsiveGrace,
        Duration readinessGrace,
        Duration startTimeout,
        Duration backoff,
        Duration maxBackoff,
        int maxRestarts,
        Duration restartWindow) {

    /** The defaults of {@code simclr up} and {@code simclr demo}. */
    public static final SupervisionPolicy DEFAULT = new SupervisionPolicy(
            Duration.ofSeconds(1),
            Duration.ofSeconds(10),
            Duration.ofSeconds(60),
            Duration.ofSeconds(30),
            Duration.ofMinutes(5),
            Duration.ofSeconds(2),
            Duration.ofMinutes(1),
            3,
            Duration.ofMinutes(10));

    /** Validates. */
    public SupervisionPolicy {
        positive("probe interval", probeInterval);
        positive("liveness grace", livenessGrace);
        positive("unresponsive grace", unresponsiveGrace);
        positive("readiness grace", readinessGrace);
        positive("start timeout", startTimeout);
        positive("restart backoff", backoff);
        positive("maximum backoff", maxBackoff);
        positive("restart window", restartWindow);
        if (maxRestarts < 0) {
            throw new IllegalArgumentException("--max-restarts must be >= 0, got " + maxRestarts);
        }
        if (maxBackoff.compareTo(backoff) < 0) {
            throw new IllegalArgumentException("maximum backoff " + maxBackoff + " is below the backoff " + backoff);
        }
    }

    /** This policy with other values for the options of {@code simclr up} and {@code simclr demo}. */
    public SupervisionPolicy withOptions(
            Duration livenessGrace,
            Duration readinessGrace,
            Duration backoff,
            int maxRestarts,
            Duration restartWindow) {
        return new SupervisionPolicy(
                probeInterval,
                livenessGrace,
                unresponsiveGrace,
                readinessGrace,
                startTimeout,
                backoff,
                maxBackoff.compareTo(backoff) < 0 ? backoff : maxBackoff,
                maxRestarts,
                restartWindow);
    }

    /** The delay before a restart after the {@code failures}-th failure within the window (1-based). */
    public Duration backoffAfter(int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures must be >= 1, got " + failures);
        }
        Duration d = backoff;
        for (int i = 1; i < failures && d.compareTo(maxBackoff) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }

    private static void positive(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + d);
        }
    }
}
