package dev.drey.relay;

import dev.drey.nostr.RelayMessage;

/**
 * How a session talks back to its client; the websocket host implements it. Must be
 * thread-safe and keep the order of calls: answers to writes arrive on the log's threads,
 * stored events on the query pool and live events on the indexer's.
 */
public interface RelayOutput {

    void send(RelayMessage message);

    /**
     * Bytes handed to {@link #send} that the transport has not yet written out (the client is
     * not reading them). The session closes a connection whose backlog passes its bound.
     */
    long queuedBytes();

    /** Ends the connection (a close frame with {@code reason}, then the socket). */
    void close(String reason);
}
