package dev.drey.relay;

import dev.drey.nostr.Event;
import java.util.List;

/** The relay's standard rules on who may receive which event. */
public final class DeliveryPolicies {
    private DeliveryPolicies() {
    }

    /** A gift wrap goes only to a connection authenticated as a key it {@code p}-tags. */
    public static DeliveryPolicy giftWrapsToRecipient() {
        return (event, session) -> event.kind() != EventPolicies.GIFT_WRAP_KIND || isRecipient(event, session);
    }

    private static boolean isRecipient(Event event, SessionContext session) {
        for (List<String> tag : event.tags()) {
            if (tag.size() >= 2 && tag.get(0).equals("p") && session.isAuthenticatedAs(tag.get(1))) {
                return true;
            }
        }
        return false;
    }
}
