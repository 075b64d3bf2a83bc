package dev.simclr.evaluator.service;

/** Reactive-messaging channel names; topics and (de)serialisers are set in application.properties. */
public final class Channels {

    /** Incoming {@code simclr.checkpoints} (raw bytes: parsing is ours, so bad JSON can be dead-lettered). */
    public static final String CHECKPOINTS = "checkpoints";
    /** Incoming {@code simclr.progress} (raw bytes; every instance reads every record: a group of its own). */
    public static final String PROGRESS = "progress";
    /** Outgoing {@code simclr.eval}. */
    public static final String EVAL = "eval";
    /** Outgoing {@code simclr.checkpoints.dlq}. */
    public static final String CHECKPOINTS_DLQ = "checkpoints-dlq";

    private Channels() {}
}
