package dev.simclr.kafka;

/**
 * Kafka cannot be used with the given settings: no client can be built from them, or the broker rejects the
 * credentials.
 */
public final class KafkaAccessException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception; the message never contains a secret. */
    public KafkaAccessException(String message) {
        super(message);
    }
}
