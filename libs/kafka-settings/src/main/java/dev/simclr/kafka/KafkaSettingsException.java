package dev.simclr.kafka;

/** A {@code kafka.*} setting is missing, unknown or conflicts with what the code fixes; the message names the key. */
public final class KafkaSettingsException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public KafkaSettingsException(String message) {
        super(message);
    }
}
