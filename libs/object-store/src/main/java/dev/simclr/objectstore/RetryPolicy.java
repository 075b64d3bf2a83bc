package dev.simclr.objectstore;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounded retries with exponential backoff and jitter: the delay before retry {@code n} (1-based) is {@code min(max,
 * initial * 2^(n-1))}, scaled by a random factor in [0.5, 1.0].
 */
final class RetryPolicy {

    /** Waits; replaceable in tests. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(RetryPolicy.class);

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Sleeper sleeper;
    private final DoubleSupplier random;
    private final boolean quiet;

    RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Sleeper sleeper, DoubleSupplier random) {
        this(maxAttempts, initialBackoff, maxBackoff, sleeper, random, false);
    }

    private RetryPolicy(
            int maxAttempts,
            Duration initialBackoff,
            Duration maxBackoff,
            Sleeper sleeper,
            DoubleSupplier random,
            boolean quiet) {
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.sleeper = sleeper;
        this.random = random;
        this.quiet = quiet;
    }

    /** The same policy logging its retries at DEBUG (an {@link OutageRetry} around it logs per backoff step). */
    RetryPolicy quiet() {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, sleeper, random, true);
    }

    /** The policy of a config, sleeping for real with a thread-local random jitter. */
    static RetryPolicy of(ObjectStoreConfig config) {
        return new RetryPolicy(
                config.maxAttempts(),
                config.initialBackoff(),
                config.maxBackoff(),
                d -> Thread.sleep(d.toMillis()),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    int maxAttempts() {
        return maxAttempts;
    }

    /** The delay before retry {@code retry} (1 = the first retry). */
    Duration backoff(int retry) {
        long initial = initialBackoff.toMillis();
        long cap = maxBackoff.toMillis();
        long base = retry >= 63 ? cap : Math.min(cap, initial << Math.min(retry - 1, 40));
        if (base < 0) {
            base = cap;
        }
        double factor = 0.5 + 0.5 * Math.min(1.0, Math.max(0.0, random.getAsDouble()));
        return Duration.ofMillis(Math.round(base * factor));
    }

    /**
     * Runs {@code call}, retrying failures that {@code retryable} accepts until {@link #maxAttempts()} attempts are
     * used; then (or for a failure that is not retryable) the last failure is thrown.
     */
    <T> T run(String operation, Callable<T> call, Predicate<Exception> retryable) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.call();
            } catch (Exception e) {
                if (attempt >= maxAttempts || !retryable.test(e)) {
                    throw e;
                }
                Duration delay = backoff(attempt);
                String format = "{} failed (attempt {}/{}): {}; retrying in {} ms";
                Object[] args = {
                    operation,
                    attempt,
                    maxAttempts,
                    e.getClass().getSimpleName() + ": " + e.getMessage(),
                    delay.toMillis()
                };
                if (quiet) {
                    LOG.debug(format, args);
                } else {
                    LOG.warn(format, args);
                }
                try {
                    sleeper.sleep(delay);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new ObjectStoreException(operation + " interrupted while waiting to retry", e);
                }
            }
        }
    }
}
