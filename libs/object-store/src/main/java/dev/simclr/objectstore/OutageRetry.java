package dev.simclr.objectstore;

import dev.simclr.contracts.Durations;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rides through object-store outages: an operation that fails with {@link ObjectStoreUnavailableException} is tried
 * again after a backoff (1 s doubling to 10 s) until it succeeds, the outage has lasted longer than the tolerance
 * ({@link ObjectStoreOutageException}), or the owner is stopping. The outage is tracked in a shared
 * {@link OutageStatus}, so every operation of one outage counts against the same window, one log line is written per
 * backoff step (not per attempt), and a waiting operation tries again at once when another one (or a
 * {@link StoreProbe}) found the store back. Other failures pass through at once. Thread-safe.
 */
public final class OutageRetry {

    /** First backoff. */
    public static final Duration MIN_BACKOFF = Duration.ofSeconds(1);
    /** Largest backoff: also how long a recovered store may wait for the next attempt. */
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    /** Waits; replaceable in tests. */
    @FunctionalInterface
    public interface Sleeper {
        /** Sleeps for {@code duration}. */
        void sleep(Duration duration) throws InterruptedException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(OutageRetry.class);
    private static final Duration SLICE = Duration.ofMillis(250);

    private final Duration tolerance;
    private final Duration minBackoff;
    private final Duration maxBackoff;
    private final OutageStatus status;
    private final BooleanSupplier stopping;
    private final Sleeper sleeper;
    private final LongSupplier nanos;

    /**
     * Retries on the system clock.
     *
     * @param tolerance how long an outage is ridden through before giving up
     * @param status the shared outage status (also read by health checks)
     * @param stopping true once the owner shuts down: a waiting operation then gives up at once
     */
    public OutageRetry(Duration tolerance, OutageStatus status, BooleanSupplier stopping) {
        this(
                tolerance,
                MIN_BACKOFF,
                MAX_BACKOFF,
                status,
                stopping,
                interruptibleSleep(
                        () -> stopping.getAsBoolean() || status.current().isEmpty()),
                System::nanoTime);
    }

    /**
     * Sleeps in short slices, returning early once {@code wake} says so: the owner is stopping, or another operation
     * (or a probe) found the store back, so waiting out the backoff would only delay recovery.
     */
    private static Sleeper interruptibleSleep(BooleanSupplier wake) {
        return d -> {
            long end = System.nanoTime() + d.toNanos();
            for (long left = d.toNanos(); left > 0 && !wake.getAsBoolean(); left = end - System.nanoTime()) {
                Thread.sleep(Math.max(1, Math.min(left, SLICE.toNanos()) / 1_000_000));
            }
        };
    }

    /** Retries with explicit backoff bounds and clocks (tests). */
    public OutageRetry(
            Duration tolerance,
            Duration minBackoff,
            Duration maxBackoff,
            OutageStatus status,
            BooleanSupplier stopping,
            Sleeper sleeper,
            LongSupplier nanos) {
        if (tolerance == null || tolerance.isNegative() || tolerance.isZero()) {
            throw new IllegalArgumentException("outage tolerance must be positive, got " + tolerance);
        }
        if (minBackoff.isNegative() || minBackoff.isZero() || maxBackoff.compareTo(minBackoff) < 0) {
            throw new IllegalArgumentException(
                    "backoff must satisfy 0 < min <= max, got " + minBackoff + ", " + maxBackoff);
        }
        this.tolerance = tolerance;
        this.minBackoff = minBackoff;
        this.maxBackoff = maxBackoff;
        this.status = status;
        this.stopping = stopping;
        this.sleeper = sleeper;
        this.nanos = nanos;
    }

    /** How long an outage is ridden through. */
    public Duration tolerance() {
        return tolerance;
    }

    /** The shared status. */
    public OutageStatus status() {
        return status;
    }

    /** The delay before retry {@code retry} (1 = the first): min doubled per retry, capped at max. */
    Duration backoff(int retry) {
        Duration d = minBackoff;
        for (int i = 1; i < retry && d.compareTo(maxBackoff) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }

    /**
     * Runs {@code body} until it succeeds or fails with something else than an unavailable store.
     *
     * @param operation what is done, for logs and health (e.g. {@code put s3://b/k})
     * @throws ObjectStoreOutageException when the outage lasts longer than the tolerance
     * @throws ObjectStoreUnavailableException when the owner stops (or the thread is interrupted) during an outage
     */
    public <T> T call(String operation, Supplier<T> body) {
        for (int retry = 1; ; retry++) {
            ObjectStoreUnavailableException failure;
            try {
                T result = body.get();
                status.succeeded()
                        .ifPresent(length -> LOG.info(
                                "object store available again after {} ({} succeeded)",
                                Durations.compact(length),
                                operation));
                return result;
            } catch (ObjectStoreOutageException e) {
                throw e;
            } catch (ObjectStoreUnavailableException e) {
                failure = e;
            }
            OutageStatus.Outage outage = status.failed(operation, failure.getMessage());
            Duration elapsed = outage.elapsed(nanos.getAsLong());
            if (elapsed.compareTo(tolerance) >= 0) {
                String message = "the object store has been unavailable for " + Durations.compact(elapsed)
                        + ", longer than the tolerated " + Durations.compact(tolerance) + " (last failure: "
                        + failure.getMessage() + ")";
                if (status.gaveUp(message)) {
                    LOG.error("{}; giving up", message);
                }
                throw new ObjectStoreOutageException(message, failure);
            }
            if (stopping.getAsBoolean()) {
                throw abandoned(operation, failure);
            }
            Duration delay = backoff(retry);
            Duration left = tolerance.minus(elapsed);
            if (delay.compareTo(left) > 0) {
                delay = left;
            }
            if (status.claimLogLine(delay)) {
                LOG.warn(
                        "object store unavailable for {} ({}); retrying in {}, giving up after {}",
                        Durations.compact(elapsed),
                        failure.getMessage(),
                        Durations.compact(delay),
                        Durations.compact(tolerance));
            }
            pause(delay, operation, failure);
        }
    }

    /** {@link #call} for an operation without a result. */
    public void run(String operation, Runnable body) {
        call(operation, () -> {
            body.run();
            return null;
        });
    }

    private void pause(Duration delay, String operation, ObjectStoreUnavailableException failure) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw abandoned(operation, failure);
        }
        if (stopping.getAsBoolean()) {
            throw abandoned(operation, failure);
        }
    }

    private static ObjectStoreUnavailableException abandoned(
            String operation, ObjectStoreUnavailableException failure) {
        return new ObjectStoreUnavailableException(
                operation + " abandoned: stopping while the object store is unavailable (" + failure.getMessage() + ")",
                failure);
    }
}
