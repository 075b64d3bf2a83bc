package dev.simclr.trainer.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.simclr.contracts.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A best-effort guard that one trainer at a time writes a run's checkpoint lineage: the object {@code <run>/LEASE}
 * holds {@code {holder, heartbeat, ttlSeconds, runId}}. A trainer refuses to start while another holder's heartbeat is
 * younger than the TTL, renews its heartbeat every TTL/3, re-reads the lease before every checkpoint, and deletes it on
 * clean shutdown. The same holder id (e.g. a restarted container of the same pod) may take its own lease back at once.
 *
 * <p>A lease <em>lapses</em> when this trainer's last heartbeat write is older than the TTL (the object store was
 * unreachable for that long): other trainers may then take the run. The owner pauses training while its lease is
 * lapsed, and {@link #renew()} re-establishes it only if the stored lease still names this holder, i.e. nobody took
 * over meanwhile (a taker writes its own holder id); otherwise it fails with {@link LeaseHeldException}.
 *
 * <p>Limits (see docs/trainer.md): S3 offers no compare-and-set here, so two trainers starting within the same instant
 * can both pass {@link #acquire()} (the read-back narrows but does not close that window); clocks of the trainers must
 * roughly agree; a process paused longer than the TTL can resume believing it holds the lease until its next check.
 */
public final class RunLease {

    /** A lease as stored. */
    public record Holder(String holder, Instant heartbeat, long ttlSeconds, String runId) {}

    private final LeaseStore store;
    private final String runId;
    private final String holder;
    private final Duration ttl;
    private final Clock clock;
    private volatile Instant lastWritten;

    /**
     * Creates a lease handle (nothing is read or written yet).
     *
     * @param store where the lease object lives
     * @param runId the run
     * @param holder this trainer's id (stable across container restarts of the same pod)
     * @param ttl how long a heartbeat stays fresh
     * @param clock wall clock
     */
    public RunLease(LeaseStore store, String runId, String holder, Duration ttl, Clock clock) {
        if (holder == null || holder.isBlank()) {
            throw new IllegalArgumentException("lease: holder id is required");
        }
        if (ttl.toSeconds() < 1) {
            throw new IllegalArgumentException("lease: ttl must be >= 1 s, got " + ttl);
        }
        this.store = store;
        this.runId = runId;
        this.holder = holder;
        this.ttl = ttl;
        this.clock = clock;
    }

    /**
     * The same lease through another store (e.g. one that rides through outages), keeping what this handle knows about
     * its last heartbeat.
     */
    public RunLease withStore(LeaseStore other) {
        RunLease l = new RunLease(other, runId, holder, ttl, clock);
        l.lastWritten = lastWritten;
        return l;
    }

    /**
     * Returns how long ago the lease lapsed: this trainer's last heartbeat write is older than the TTL, so other
     * trainers may take the run. Empty while it is fresh (and before it was taken).
     */
    public Optional<Duration> lapsedFor() {
        Instant written = lastWritten;
        if (written == null) {
            return Optional.empty();
        }
        Duration over = Duration.between(written.plus(ttl), clock.instant());
        return over.isNegative() ? Optional.empty() : Optional.of(over);
    }

    /** Returns the TTL. */
    public Duration ttl() {
        return ttl;
    }

    /** Returns this trainer's holder id. */
    public String holder() {
        return holder;
    }

    /** Returns the renewal period (TTL / 3). */
    public Duration renewEvery() {
        return ttl.dividedBy(3);
    }

    /**
     * Takes the lease.
     *
     * @throws LeaseHeldException when another holder's heartbeat is fresh
     */
    public void acquire() {
        Optional<Holder> current = current();
        if (current.isPresent() && !current.get().holder().equals(holder) && fresh(current.get())) {
            Holder h = current.get();
            throw new LeaseHeldException("run '" + runId + "' is being trained by '" + h.holder()
                    + "' (lease heartbeat "
                    + age(h).toSeconds() + " s ago, ttl " + h.ttlSeconds() + " s): only one trainer may write a run's"
                    + " checkpoints; stop the other trainer or wait until its lease expires");
        }
        write();
        verify();
    }

    /**
     * Refreshes the heartbeat after checking that the stored lease still names this holder (also after a lapse: nobody
     * took over meanwhile).
     *
     * @throws LeaseHeldException when another holder has taken the lease, or it is gone
     */
    public void renew() {
        verify();
        write();
    }

    /**
     * Checks that this trainer still holds the lease.
     *
     * @throws LeaseHeldException when the lease is gone or held by another trainer
     */
    public void verify() {
        Optional<Holder> current = current();
        if (current.isEmpty() || !current.get().holder().equals(holder)) {
            throw new LeaseHeldException("lost the lease on run '" + runId + "': it is now "
                    + current.map(h -> "held by '" + h.holder() + "'").orElse("missing")
                    + "; stopping so that two trainers never write one lineage");
        }
    }

    /** Deletes the lease if this trainer holds it. */
    public void release() {
        Optional<Holder> current = current();
        if (current.isPresent() && current.get().holder().equals(holder)) {
            store.delete();
        }
    }

    /** Returns the stored lease, if any; an unreadable lease counts as expired. */
    public Optional<Holder> current() {
        Optional<byte[]> data = store.read();
        if (data.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode n = Json.mapper().readTree(data.get());
            return Optional.of(new Holder(
                    n.path("holder").asText(""),
                    Instant.parse(n.path("heartbeat").asText()),
                    n.path("ttlSeconds").asLong(ttl.toSeconds()),
                    n.path("runId").asText("")));
        } catch (IOException | RuntimeException e) {
            return Optional.of(new Holder("(unreadable lease)", Instant.EPOCH, 0, runId));
        }
    }

    private boolean fresh(Holder h) {
        return age(h).compareTo(Duration.ofSeconds(h.ttlSeconds())) < 0;
    }

    private Duration age(Holder h) {
        Duration d = Duration.between(h.heartbeat(), clock.instant());
        return d.isNegative() ? Duration.ZERO : d;
    }

    private void write() {
        Instant now = clock.instant();
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("holder", holder);
        n.put("heartbeat", now.toString());
        n.put("ttlSeconds", ttl.toSeconds());
        n.put("runId", runId);
        store.write(n.toString().getBytes(StandardCharsets.UTF_8));
        lastWritten = now;
    }
}
