package dev.simclr.evaluator.loop;

import dev.simclr.contracts.CheckpointEvent;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A checkpoint event waiting for (or under) evaluation, with where it came from and how to acknowledge it.
 * {@link #complete()} runs the acknowledgement once, whatever the outcome (evaluated, skipped or dead-lettered).
 */
public final class PendingCheckpoint {

    private final CheckpointEvent event;
    private final Source source;
    private final Runnable acknowledge;
    private final AtomicBoolean completed = new AtomicBoolean();

    /**
     * A pending checkpoint.
     *
     * @param event the parsed event
     * @param source the record it came from (for dead letters)
     * @param acknowledge commits the record; called once by {@link #complete()}
     */
    public PendingCheckpoint(CheckpointEvent event, Source source, Runnable acknowledge) {
        this.event = event;
        this.source = source;
        this.acknowledge = acknowledge;
    }

    /** The event. */
    public CheckpointEvent event() {
        return event;
    }

    /** The source record. */
    public Source source() {
        return source;
    }

    /** The run id. */
    public String runId() {
        return event.runId();
    }

    /** The step. */
    public long step() {
        return event.step();
    }

    /** Acknowledges the record (idempotent). */
    public void complete() {
        if (completed.compareAndSet(false, true)) {
            acknowledge.run();
        }
    }

    /** True once {@link #complete()} ran. */
    public boolean completed() {
        return completed.get();
    }

    @Override
    public String toString() {
        return event.runId() + "@" + event.step();
    }

    /**
     * The Kafka record behind an event.
     *
     * @param topic source topic
     * @param partition source partition
     * @param offset source offset
     * @param key record key (may be null)
     * @param value record value, unchanged (dead letters copy it)
     */
    public record Source(String topic, int partition, long offset, String key, byte[] value) {}
}
