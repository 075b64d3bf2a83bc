package dev.simclr.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Probe;
import java.util.ArrayList;
import java.util.List;

/**
 * The probe contract (issue 15): liveness means "this process is stuck or broken" and restarts the container, readiness
 * means "it cannot do its work now" and only takes it out of its Service, a start-up probe covers the slow start. A
 * dependency outage (S3, Kafka) must turn readiness DOWN and never make Kubernetes kill the pod in a loop; so a
 * service's liveness is Quarkus's {@code /q/health/live} (its liveness checks only), never the readiness or aggregate
 * endpoint, and it tolerates minutes of failures, not seconds.
 */
final class Probes {

    /** Quarkus SmallRye Health endpoints. */
    static final String LIVE = "/q/health/live";

    static final String READY = "/q/health/ready";
    static final String STARTED = "/q/health/started";

    /** Consecutive seconds of failed liveness checks before a restart, at least. */
    static final int MIN_LIVENESS_SECONDS = 120;

    /** Seconds a start may take before the start-up probe gives up, at least (DJL natives on a cold cache). */
    static final int MIN_STARTUP_SECONDS = 300;

    private Probes() {}

    /**
     * Seconds of consecutive failures after which the probe acts: period x failureThreshold (Kubernetes defaults 10 s,
     * 3).
     */
    static int budget(Probe p) {
        int period = p.getPeriodSeconds() == null ? 10 : p.getPeriodSeconds();
        int failures = p.getFailureThreshold() == null ? 3 : p.getFailureThreshold();
        return period * failures;
    }

    /** Problems of a long-running container's probes (any image), one line each. */
    static List<String> general(String where, Container c) {
        List<String> out = new ArrayList<>();
        Probe live = c.getLivenessProbe();
        if (live == null || c.getReadinessProbe() == null || c.getStartupProbe() == null) {
            out.add(where + ": needs liveness, readiness and start-up probes");
            return out;
        }
        if (budget(live) < MIN_LIVENESS_SECONDS) {
            out.add(where + ": liveness restarts after " + budget(live) + " s of failures (period x failureThreshold);"
                    + " at least " + MIN_LIVENESS_SECONDS + " s, so a pause or a slow step does not kill it");
        }
        if (live.getFailureThreshold() != null && live.getFailureThreshold() < 3) {
            out.add(where + ": liveness failureThreshold " + live.getFailureThreshold() + " (at least 3)");
        }
        if (live.getTimeoutSeconds() == null || live.getTimeoutSeconds() < 5) {
            out.add(where + ": liveness timeoutSeconds " + live.getTimeoutSeconds()
                    + " (at least 5: a busy JVM answers late)");
        }
        return out;
    }

    /** Problems of a service container's probes (the Quarkus health endpoints), one line each. */
    static List<String> service(String where, Container c) {
        List<String> out = new ArrayList<>(general(where, c));
        if (!out.isEmpty() && c.getLivenessProbe() == null) {
            return out;
        }
        path(where, "liveness", c.getLivenessProbe(), LIVE, out);
        path(where, "readiness", c.getReadinessProbe(), READY, out);
        path(where, "start-up", c.getStartupProbe(), STARTED, out);
        if (c.getStartupProbe() != null && budget(c.getStartupProbe()) < MIN_STARTUP_SECONDS) {
            out.add(where + ": start-up probe gives up after " + budget(c.getStartupProbe()) + " s; at least "
                    + MIN_STARTUP_SECONDS + " s (natives extracted on a cold cache)");
        }
        return out;
    }

    private static void path(String where, String kind, Probe p, String expected, List<String> out) {
        if (p == null) {
            return;
        }
        String actual =
                p.getHttpGet() == null ? "(not an HTTP GET)" : p.getHttpGet().getPath();
        if (!expected.equals(actual)) {
            out.add(where + ": " + kind + " probe on " + actual + ", must be " + expected
                    + (kind.equals("liveness")
                            ? " (readiness and the aggregate /q/health include dependency checks)"
                            : ""));
        }
    }
}
