package dev.drey.relay;

import dev.drey.nostr.Event;

/** The relay's standard rules on who may receive which event. */
public final class DeliveryPolicies {
    private DeliveryPolicies() {
    }

    /** A gift wrap goes only to a connection authenticated as a key it {@code p}-tags. */
    public static DeliveryPolicy giftWrapsToRecipient() {
        return (event, session) -> event.kind() != EventPolicies.GIFT_WRAP_KIND || isRecipient(event, session);
    }

    private static boolean isRecipient(Event event, SessionContext session) {
        return event.tagValues("p").stream().anyMatch(session::isAuthenticatedAs);
    }
}
