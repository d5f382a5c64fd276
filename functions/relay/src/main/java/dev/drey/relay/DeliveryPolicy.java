package dev.drey.relay;

import dev.drey.nostr.Event;

/**
 * Whether a stored or live event may be sent to a connection that asked for it; applied to
 * every query result and every live match (gift wraps go only to their recipient).
 */
@FunctionalInterface
public interface DeliveryPolicy {

    boolean mayReceive(Event event, SessionContext session);

    default DeliveryPolicy and(DeliveryPolicy other) {
        return (event, session) -> mayReceive(event, session) && other.mayReceive(event, session);
    }

    static DeliveryPolicy everything() {
        return (event, session) -> true;
    }
}
