package dev.drey.relay;

import dev.drey.nostr.Event;
import java.util.List;

/**
 * What an index query found.
 *
 * @param events    the matches, newest first, ties by lowest id
 * @param examined  index entries read to find them (each costs a lookup)
 * @param truncated the budget of entries ran out before every filter was answered in full
 */
public record QueryResult(List<Event> events, long examined, boolean truncated) {

    public QueryResult {
        events = List.copyOf(events);
    }
}
