package dev.drey.kafka;

import dev.drey.nostr.Event;
import java.time.Instant;

/** An event read back from the log: the event, when the relay accepted it, and where it is stored. */
public record LoggedEvent(Event event, Instant receivedAt, RecordPosition position) {

    public LoggedEvent {
        if (event == null || receivedAt == null || position == null) {
            throw new IllegalArgumentException("event, receivedAt and position are required");
        }
    }
}
