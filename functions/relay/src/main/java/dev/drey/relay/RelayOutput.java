package dev.drey.relay;

import dev.drey.nostr.RelayMessage;

/**
 * How a session talks back to its client; the websocket host implements it. Must be
 * thread-safe and keep the order of calls: answers to writes arrive on the log's threads and
 * live events on the indexer's.
 */
@FunctionalInterface
public interface RelayOutput {

    void send(RelayMessage message);
}
