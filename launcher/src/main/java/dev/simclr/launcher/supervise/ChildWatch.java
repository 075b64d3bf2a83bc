package dev.simclr.launcher.supervise;

import dev.simclr.contracts.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the probes of one child mean over time, by {@link SupervisionPolicy}: the child is starting until its readiness
 * first says UP, then running; it fails when its process exits, liveness stays DOWN for the liveness grace, a running
 * child's health endpoint stays silent for the unresponsive grace, or it is not ready within the start timeout.
 * Readiness DOWN while liveness is UP is a dependency outage: reported once after the readiness grace, and again when
 * it ends, never a failure. Pure: the caller supplies the probes and the time.
 */
public final class ChildWatch {

    /** Where the child is. */
    public enum Phase {
        /** Started, not ready yet. */
        STARTING,
        /** Ready at least once since its last start. */
        RUNNING,
        /** Failed: waiting for a restart (or for the stack to stop). */
        FAILED
    }

    /** Something worth telling. */
    public sealed interface Event permits Ready, NotReady, ReadyAgain, Failed {}

    /**
     * The child became ready.
     *
     * @param after time since its start
     * @param restarted whether this start was a restart
     */
    public record Ready(Duration after, boolean restarted) implements Event {}

    /**
     * Readiness DOWN (liveness UP) for the readiness grace: reported once, no restart.
     *
     * @param reason the readiness answer's reason
     */
    public record NotReady(String reason) implements Event {}

    /**
     * Ready again after a reported {@link NotReady}.
     *
     * @param after how long it was not ready
     */
    public record ReadyAgain(Duration after) implements Event {}

    /**
     * The child failed.
     *
     * @param reason why, e.g. {@code exited with code 137} or {@code liveness DOWN for 10s: ...}
     * @param whileStarting whether it had not become ready since its last start
     */
    public record Failed(String reason, boolean whileStarting) implements Event {}

    private final SupervisionPolicy policy;
    private Phase phase;
    private Instant startedAt;
    private boolean restarted;
    private boolean everReady;
    private Instant liveDownSince;
    private Instant silentSince;
    private Instant notReadySince;
    private boolean notReadyReported;

    /**
     * Watches a child started at {@code now}.
     *
     * @param ready whether it is ready already (the S3 server is started and awaited before the services)
     */
    public ChildWatch(SupervisionPolicy policy, Instant now, boolean ready) {
        this.policy = policy;
        this.startedAt = now;
        this.phase = ready ? Phase.RUNNING : Phase.STARTING;
        this.everReady = ready;
    }

    public Phase phase() {
        return phase;
    }

    /** Whether the child has been ready at least once since the stack started. */
    public boolean everReady() {
        return everReady;
    }

    /** Whether a not-ready report is standing (readiness DOWN, liveness UP). */
    public boolean notReady() {
        return notReadyReported;
    }

    /** The child was restarted at {@code now}: it is starting again. */
    public void restarted(Instant now) {
        phase = Phase.STARTING;
        startedAt = now;
        restarted = true;
        liveDownSince = null;
        silentSince = null;
        notReadySince = null;
        notReadyReported = false;
    }

    /** Judges one probe taken at {@code now}; at most one event. Nothing once FAILED. */
    public Optional<Event> observe(Probe p, Instant now) {
        if (phase == Phase.FAILED) {
            return Optional.empty();
        }
        if (!p.alive()) {
            return fail(p.exitCode() >= 0 ? "exited with code " + p.exitCode() : "exited");
        }
        Optional<Event> live = liveness(p.liveness(), now);
        if (live.isPresent()) {
            return live;
        }
        return phase == Phase.STARTING ? starting(p.readiness(), now) : running(p.readiness(), now);
    }

    private Optional<Event> liveness(Health live, Instant now) {
        switch (live.state()) {
            case UP -> {
                liveDownSince = null;
                silentSince = null;
            }
            case DOWN -> {
                silentSince = null;
                liveDownSince = liveDownSince == null ? now : liveDownSince;
                if (elapsed(liveDownSince, now, policy.livenessGrace())) {
                    return fail("liveness DOWN for " + seconds(liveDownSince, now) + ": " + live.reason());
                }
            }
            case NO_ANSWER -> {
                // Silence while starting is the JVM booting: the start timeout covers it.
                silentSince = silentSince == null ? now : silentSince;
                if (phase == Phase.RUNNING && elapsed(silentSince, now, policy.unresponsiveGrace())) {
                    return fail("no answer on its health endpoint for " + seconds(silentSince, now));
                }
            }
            default -> throw new IllegalStateException("unknown state " + live.state());
        }
        return Optional.empty();
    }

    private Optional<Event> starting(Health ready, Instant now) {
        if (ready.isUp()) {
            phase = Phase.RUNNING;
            everReady = true;
            return Optional.of(new Ready(Duration.between(startedAt, now), restarted));
        }
        if (elapsed(startedAt, now, policy.startTimeout())) {
            return fail("not ready within " + seconds(startedAt, now)
                    + (ready.state() == Health.State.DOWN ? " (readiness: " + ready.reason() + ")" : ""));
        }
        return Optional.empty();
    }

    private Optional<Event> running(Health ready, Instant now) {
        if (ready.isUp()) {
            Instant since = notReadySince;
            boolean reported = notReadyReported;
            notReadySince = null;
            notReadyReported = false;
            return reported ? Optional.of(new ReadyAgain(Duration.between(since, now))) : Optional.empty();
        }
        if (ready.state() == Health.State.DOWN) {
            notReadySince = notReadySince == null ? now : notReadySince;
            if (!notReadyReported && elapsed(notReadySince, now, policy.readinessGrace())) {
                notReadyReported = true;
                return Optional.of(new NotReady(ready.reason()));
            }
        }
        return Optional.empty();
    }

    private Optional<Event> fail(String reason) {
        boolean whileStarting = phase == Phase.STARTING;
        phase = Phase.FAILED;
        return Optional.of(new Failed(reason, whileStarting));
    }

    private static boolean elapsed(Instant since, Instant now, Duration grace) {
        return Duration.between(since, now).compareTo(grace) >= 0;
    }

    private static String seconds(Instant since, Instant now) {
        return Durations.compact(Duration.between(since, now));
    }
}
