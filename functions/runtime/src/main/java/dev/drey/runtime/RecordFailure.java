package dev.drey.runtime;

import dev.drey.kafka.RecordPosition;

/**
 * One delivered record that was not handled: {@code where} names it (topic-partition@offset when known,
 * else its place in the delivery), {@code stage} says whether it could not be read or the function failed
 * on it, {@code reason} what went wrong, {@code position} where Kafka holds it (null when the delivery did
 * not say well enough). Only failures that retrying cannot cure become a RecordFailure; each is sent to the
 * dead-letter topic ({@link DeadLetterSink}).
 */
public record RecordFailure(String where, Stage stage, String reason, RecordPosition position) {

    public enum Stage {
        /** The record is not a Drey event record; retrying cannot help, so it is reported and skipped. */
        DECODE,
        /** The function refused a well-formed event by throwing (not a store or outbox outage). */
        FUNCTION
    }

    public RecordFailure {
        if (where == null || stage == null || reason == null) {
            throw new IllegalArgumentException("record failure: where, stage and reason are required");
        }
    }

    /** A failure of a record whose Kafka position is not known. */
    public RecordFailure(String where, Stage stage, String reason) {
        this(where, stage, reason, null);
    }

    /** A failure of the record Kafka holds at {@code position}. */
    public static RecordFailure at(RecordPosition position, Stage stage, String reason) {
        return new RecordFailure(position.toString(), stage, reason, position);
    }

    @Override
    public String toString() {
        return where + " (" + stage.name().toLowerCase(java.util.Locale.ROOT) + "): " + reason;
    }
}
