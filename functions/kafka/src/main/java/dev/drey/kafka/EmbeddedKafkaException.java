package dev.drey.kafka;

/** The embedded broker could not be formatted, started or cleaned up; the message says which and why. */
public final class EmbeddedKafkaException extends RuntimeException {

    public EmbeddedKafkaException(String message, Throwable cause) {
        super(message, cause);
    }
}
