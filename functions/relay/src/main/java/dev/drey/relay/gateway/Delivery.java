package dev.drey.relay.gateway;

import dev.drey.nostr.Event;
import dev.drey.relay.LogPartition;

/** One outbox event on its way to one recipient relay, and the outbox record it came from. */
record Delivery(Event event, String relayUrl, LogPartition partition, long offset) {
}
