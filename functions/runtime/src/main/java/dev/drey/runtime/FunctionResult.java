package dev.drey.runtime;

import dev.drey.kafka.OutboxRecord;
import java.util.List;

/**
 * What a function made of one event: the records for the outbox topic (each event with its recipients'
 * relays) and notes for the operator's log (never secrets).
 */
public record FunctionResult(List<OutboxRecord> outbox, List<String> notes) {
    public FunctionResult {
        if (outbox == null || notes == null) {
            throw new IllegalArgumentException("function result: outbox and notes must not be null");
        }
        outbox = List.copyOf(outbox);
        notes = List.copyOf(notes);
    }

    public static FunctionResult ignored(String note) {
        return new FunctionResult(List.of(), List.of(note));
    }
}
