package dev.simclr.objectstore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Whether the object store is in an outage, as seen by the operations that ride through it ({@link OutageRetry}): since
 * when, what failed last and why, whether the tolerance was exceeded, and how many outages were ridden through.
 * Thread-safe: the retrying threads write it, health checks read it.
 */
public final class OutageStatus {

    /**
     * An ongoing outage.
     *
     * @param operation the operation that failed last, e.g. {@code put s3://b/run/step-5/manifest.json}
     * @param reason why it failed (the store's message)
     * @param since when the first failure of this outage happened
     * @param sinceNanos the same on the monotonic clock
     * @param failures failed attempts so far (each after the client's own quick retries)
     */
    public record Outage(String operation, String reason, Instant since, long sinceNanos, long failures) {

        /** How long the outage has lasted at {@code nowNanos}. */
        public Duration elapsed(long nowNanos) {
            return Duration.ofNanos(Math.max(0, nowNanos - sinceNanos));
        }
    }

    private final LongSupplier nanos;
    private final Clock clock;
    private Outage current;
    private String gaveUp = "";
    private long ridden;
    private Duration lastOutage = Duration.ZERO;
    private long nextLogNanos;
    private boolean logDue = true;

    /** A status on the system clocks. */
    public OutageStatus() {
        this(System::nanoTime, Clock.systemUTC());
    }

    /** A status on the given clocks (tests). */
    public OutageStatus(LongSupplier nanos, Clock clock) {
        this.nanos = nanos;
        this.clock = clock;
    }

    /** Records a failed attempt of {@code operation}; starts an outage unless one is ongoing. */
    public synchronized Outage failed(String operation, String reason) {
        if (current == null) {
            current = new Outage(operation, reason, clock.instant(), nanos.getAsLong(), 1);
            logDue = true;
        } else {
            current = new Outage(operation, reason, current.since(), current.sinceNanos(), current.failures() + 1);
        }
        return current;
    }

    /**
     * Records a successful operation.
     *
     * @return the length of the outage this success ended, if one was ongoing
     */
    public synchronized Optional<Duration> succeeded() {
        if (current == null) {
            return Optional.empty();
        }
        Duration length = current.elapsed(nanos.getAsLong());
        current = null;
        ridden++;
        lastOutage = length;
        return Optional.of(length);
    }

    /**
     * Records that the tolerance was exceeded: the work that needed the store stopped (sticky).
     *
     * @return true the first time (the caller reports it), false when already given up
     */
    public synchronized boolean gaveUp(String message) {
        if (!gaveUp.isEmpty()) {
            return false;
        }
        gaveUp = message;
        return true;
    }

    /** The ongoing outage, if any. */
    public synchronized Optional<Outage> current() {
        return Optional.ofNullable(current);
    }

    /** True while an outage is ongoing or after the tolerance was exceeded. */
    public synchronized boolean unavailable() {
        return current != null || !gaveUp.isEmpty();
    }

    /** Why the work that needed the store stopped, or empty while it has not. */
    public synchronized String gaveUpReason() {
        return gaveUp;
    }

    /** Outages that ended with a success. */
    public synchronized long outagesRidden() {
        return ridden;
    }

    /** The length of the last outage that ended (zero before the first). */
    public synchronized Duration lastOutage() {
        return lastOutage;
    }

    /**
     * The health-check data: {@code objectStore} ({@code available}, {@code unavailable} or {@code gave up}), during an
     * outage {@code objectStoreUnavailableSeconds}, {@code objectStoreOperation} and {@code objectStoreError}, after
     * giving up {@code objectStoreGaveUp}, and {@code objectStoreOutagesRidden}.
     */
    public synchronized Map<String, Object> healthData() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("objectStore", !gaveUp.isEmpty() ? "gave up" : current != null ? "unavailable" : "available");
        if (current != null) {
            data.put(
                    "objectStoreUnavailableSeconds",
                    current.elapsed(nanos.getAsLong()).toSeconds());
            data.put("objectStoreOperation", current.operation());
            data.put("objectStoreError", String.valueOf(current.reason()));
        }
        if (!gaveUp.isEmpty()) {
            data.put("objectStoreGaveUp", gaveUp);
        }
        data.put("objectStoreOutagesRidden", ridden);
        return data;
    }

    /**
     * Whether the caller should log its backoff step now: at most one line per step of the outage, however many threads
     * wait on it.
     *
     * @param next the caller's coming delay; the next line is due when it has (nearly) passed
     */
    synchronized boolean claimLogLine(Duration next) {
        long now = nanos.getAsLong();
        if (logDue || now - nextLogNanos >= 0) {
            logDue = false;
            nextLogNanos = now + next.toNanos() * 9 / 10;
            return true;
        }
        return false;
    }
}
