package dev.drey.roast;

import dev.drey.nostr.Event;
import java.util.List;

/**
 * What a function made of one input event: signed events to publish (the outbox), and notes for the
 * operator's log (never secrets). {@code state} is the coordinator's run state after the event, if any.
 */
public record Reaction(List<Event> events, List<String> notes, RunState state) {
    public Reaction {
        events = List.copyOf(events);
        notes = List.copyOf(notes);
    }

    public static Reaction ignored(String note) {
        return new Reaction(List.of(), List.of(note), null);
    }
}
