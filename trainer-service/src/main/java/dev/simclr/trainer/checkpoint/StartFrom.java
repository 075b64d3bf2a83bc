package dev.simclr.trainer.checkpoint;

import java.util.Locale;

/** Where a fresh run (no checkpoint yet) starts reading each partition. */
public enum StartFrom {
    /** The oldest retained record. */
    EARLIEST,
    /** Only records produced after the trainer starts. */
    LATEST;

    /**
     * Parses {@code earliest} or {@code latest} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static StartFrom parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "earliest" -> EARLIEST;
            case "latest" -> LATEST;
            default -> throw new IllegalArgumentException("start-from must be earliest or latest, got '" + value + "'");
        };
    }
}
