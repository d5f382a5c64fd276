package dev.drey.relay;

import dev.drey.nostr.Event;

/**
 * Receives the log's records in order, once the log holds them (a consumer of the topics).
 * Must tolerate records seen before (replay from an earlier offset).
 */
@FunctionalInterface
public interface LogListener {

    void onRecord(Event event, LogPosition position);
}
