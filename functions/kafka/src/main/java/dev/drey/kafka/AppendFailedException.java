package dev.drey.kafka;

/**
 * Kafka did not acknowledge an append, so the event is not known to be stored: a relay answers
 * {@code OK false} with this message (it carries the NIP-01 {@code "error: "} prefix). The event
 * may still have been written (a timeout is ambiguous); re-sending it is safe because every
 * consumer dedupes by event id.
 */
public final class AppendFailedException extends RuntimeException {

    private final String topic;
    private final String eventId;

    public AppendFailedException(String topic, String eventId, String detail, Throwable cause) {
        super("error: " + detail, cause);
        this.topic = topic;
        this.eventId = eventId;
    }

    public String topic() {
        return topic;
    }

    public String eventId() {
        return eventId;
    }
}
