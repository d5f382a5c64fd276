package dev.drey.dkg;

import dev.drey.nostr.Event;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the DKG function made of one input event: signed events to publish (the outbox), notes for the
 * operator's log (never secrets), the run's status after the event, the result if this event completed the
 * run, and the culprits if it failed (identifier → reason).
 */
public record DkgReaction(List<Event> events, List<String> notes, Optional<String> status,
        Optional<DkgResult> completed, Map<Integer, String> culprits) {
    public DkgReaction {
        events = List.copyOf(events);
        notes = List.copyOf(notes);
        culprits = Map.copyOf(culprits);
    }

    public static DkgReaction ignored(String note) {
        return new DkgReaction(List.of(), List.of(note), Optional.empty(), Optional.empty(), Map.of());
    }
}
