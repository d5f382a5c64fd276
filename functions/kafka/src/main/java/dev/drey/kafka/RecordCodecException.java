package dev.drey.kafka;

/**
 * A Kafka record is not a well-formed Drey event record. {@link #reason()} is for code; the
 * message names the record (topic-partition@offset when known) and what is wrong with it.
 */
public final class RecordCodecException extends RuntimeException {

    /** What was wrong, as a machine-usable value. */
    public enum Reason {
        /** No key: event records are keyed by event id. */
        MISSING_KEY,
        /** The key is not 64 lowercase hex characters. */
        INVALID_KEY,
        /** No value (a tombstone): event records always carry the event. */
        MISSING_VALUE,
        /** The value is not a valid nostr event (the cause is the parser's refusal). */
        MALFORMED_EVENT,
        /** The key is not the event's id. */
        KEY_MISMATCH,
        /** A required header is absent. */
        MISSING_HEADER,
        /** A header that must appear once appears several times. */
        DUPLICATE_HEADER,
        /** A header's value is not in its format. */
        MALFORMED_HEADER,
        /** A header disagrees with the event (e.g. the kind header). */
        HEADER_MISMATCH
    }

    private final Reason reason;

    public RecordCodecException(Reason reason, String message) {
        this(reason, message, null);
    }

    public RecordCodecException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
