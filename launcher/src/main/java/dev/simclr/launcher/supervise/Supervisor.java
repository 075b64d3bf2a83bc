package dev.simclr.launcher.supervise;

import dev.simclr.contracts.Durations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the stack's children on a thread of its own, one {@link #tick()} per probe interval: tells on the console
 * when a child becomes ready, is not ready (a dependency is down) or fails (with the last lines of its log), restarts a
 * failed child after the backoff of its {@link RestartHistory}, and ends the stack with a {@link StackFailure} when a
 * child fails while starting for the first time or fails again after the allowed restarts. Every change is handed to
 * {@code onChange} (the launcher writes supervision.json).
 */
public final class Supervisor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
    private static final int LOG_LINES = 20;

    private final List<Slot> slots;
    private final SupervisionPolicy policy;
    private final Clock clock;
    private final Consumer<String> say;
    private final Consumer<SupervisionState> onChange;
    private volatile String failure;
    private volatile boolean closed;
    private volatile boolean allReady;
    private volatile Thread thread;

    /**
     * @param children the children, in start order
     * @param readyAtStart names of the children that are ready already (the S3 server)
     * @param say receives every report (one or more lines)
     * @param onChange receives the state after every change
     */
    public Supervisor(
            List<Child> children,
            List<String> readyAtStart,
            SupervisionPolicy policy,
            Clock clock,
            Consumer<String> say,
            Consumer<SupervisionState> onChange) {
        Instant now = clock.instant();
        this.slots = children.stream()
                .map(c -> new Slot(
                        c, new ChildWatch(policy, now, readyAtStart.contains(c.name())), new RestartHistory(policy)))
                .toList();
        this.allReady = slots.stream().allMatch(s -> s.watch.everReady());
        this.policy = policy;
        this.clock = clock;
        this.say = say;
        this.onChange = onChange;
    }

    /** Starts the supervising thread (daemon). */
    public void start() {
        onChange.accept(state());
        Thread t = new Thread(this::loop, "simclr-supervisor");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /**
     * One look at every child: due restarts first, then exits (cheap, so a death is told before slow health answers of
     * the others), then the health probes and what they mean.
     */
    public synchronized void tick() {
        for (Slot s : slots) {
            if (s.restartAt != null && !clock.instant().isBefore(s.restartAt) && !stopped()) {
                restart(s);
            }
        }
        for (Slot s : slots) {
            if (s.restartAt == null && !stopped() && !s.child.isAlive()) {
                observe(s, Probe.exited(s.child.exitCode()));
            }
        }
        for (Slot s : slots) {
            if (s.restartAt == null && !stopped() && s.watch.phase() != ChildWatch.Phase.FAILED) {
                observe(s, Probe.of(s.child));
            }
        }
    }

    private boolean stopped() {
        return closed || failure != null;
    }

    private void observe(Slot s, Probe p) {
        Instant at = clock.instant();
        s.watch.observe(p, at).ifPresent(e -> handle(s, e, at));
    }

    /** Whether every child has been ready since the stack started. */
    public boolean allReady() {
        return allReady;
    }

    /** Why the supervision ended the stack, if it did. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** Throws the {@link StackFailure} when the supervision ended the stack. */
    public void throwIfFailed() {
        String f = failure;
        if (f != null) {
            throw new StackFailure(f);
        }
    }

    /**
     * Waits until every child has been ready (true) or a stop is requested (false).
     *
     * @throws StackFailure when a child fails while starting
     */
    public boolean awaitReady(BooleanSupplier stopRequested) {
        while (true) {
            throwIfFailed();
            if (allReady()) {
                return true;
            }
            if (stopRequested.getAsBoolean()) {
                return false;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** What the supervisor knows about every child now. */
    public synchronized SupervisionState state() {
        return new SupervisionState(
                SupervisionState.VERSION,
                clock.instant(),
                slots.stream().map(Slot::entry).toList());
    }

    /** Stops supervising (waits for a restart in progress to end); the children keep running. */
    @Override
    public void close() {
        closed = true;
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
            try {
                t.join(Duration.ofMinutes(1).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop() {
        while (!closed && failure == null) {
            try {
                tick();
            } catch (RuntimeException e) {
                LOG.warn("supervision tick failed: {}", e.toString(), e);
            }
            try {
                Thread.sleep(policy.probeInterval().toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void handle(Slot s, ChildWatch.Event event, Instant at) {
        String name = s.child.name();
        if (event instanceof ChildWatch.Ready r) {
            allReady = slots.stream().allMatch(x -> x.watch.everReady());
            tell(name + (r.restarted() ? " ready again after its restart (" : " ready (") + Durations.seconds(r.after())
                    + ")");
        } else if (event instanceof ChildWatch.NotReady n) {
            tell(name + " not ready for " + Durations.compact(policy.readinessGrace())
                    + ", alive (no restart; a dependency may be down): " + n.reason());
        } else if (event instanceof ChildWatch.ReadyAgain r) {
            tell(name + " ready again (was not ready for " + Durations.compact(r.after()) + ")");
        } else if (event instanceof ChildWatch.Failed f) {
            failed(s, f.reason(), f.whileStarting(), at);
        }
        onChange.accept(state());
    }

    private void failed(Slot s, String reason, boolean whileStarting, Instant at) {
        String name = s.child.name();
        s.lastFailure = reason;
        s.lastFailureAt = at;
        tell(Reports.failure(
                name, s.child.pid(), reason, whileStarting, s.child.logFile(), s.child.logTail(LOG_LINES)));
        if (!s.watch.everReady()) {
            failure = name + " failed while starting: " + reason + " (the last lines of " + s.child.logFile()
                    + " are above)";
            s.failedForGood = true;
            return;
        }
        RestartHistory.Decision d = s.history.failed(at);
        if (d.giveUp()) {
            failure = "gave up on " + name + ": " + d.failuresInWindow() + " failures within "
                    + Durations.compact(policy.restartWindow()) + " (at most " + policy.maxRestarts()
                    + " restarts); last: " + reason;
            s.failedForGood = true;
            tell("giving up: " + failure + "; stopping the stack");
            return;
        }
        s.restartAt = at.plus(d.delay());
        tell("restarting " + name + " in " + Durations.compact(d.delay()) + " (failure " + d.failuresInWindow()
                + " within " + Durations.compact(policy.restartWindow()) + "; at most " + policy.maxRestarts()
                + " restarts)");
    }

    private void restart(Slot s) {
        s.restartAt = null;
        s.restarts++;
        try {
            s.child.restart();
            s.watch.restarted(clock.instant());
            tell(s.child.name() + " restarted (pid " + s.child.pid() + ", restart " + s.restarts + ")");
            onChange.accept(state());
        } catch (RuntimeException e) {
            if (closed) {
                return;
            }
            failed(s, "restart failed: " + e.getMessage(), true, clock.instant());
            onChange.accept(state());
        }
    }

    private void tell(String report) {
        LOG.info("{}", report);
        say.accept(report);
    }
}
