package dev.drey.nostr;

import dev.drey.crypto.Hex;

/** What a relay sends a client (NIP-01, NIP-42, NIP-45). */
public sealed interface RelayMessage {

    void writeTo(JsonWriter w);

    default String toJson() {
        JsonWriter w = new JsonWriter();
        writeTo(w);
        return w.toString();
    }

    /** {@code ["EVENT", subscription id, event]}. */
    record EventMessage(String subscriptionId, Event event) implements RelayMessage {
        public EventMessage {
            Messages.checkSubscriptionId(subscriptionId);
            Messages.require(event, "event");
        }

        @Override
        public void writeTo(JsonWriter w) {
            w.rawAscii("[\"EVENT\",").string(subscriptionId).raw(',');
            event.writeTo(w);
            w.raw(']');
        }
    }

    /** {@code ["OK", event id, accepted, message]}. */
    record Ok(String eventId, boolean accepted, String message) implements RelayMessage {
        public Ok {
            if (!Hex.isLowerHex(eventId, 32)) {
                throw new IllegalArgumentException("event id must be 64 lowercase hex characters");
            }
            Messages.require(message, "message");
        }

        @Override
        public void writeTo(JsonWriter w) {
            w.rawAscii("[\"OK\",").string(eventId).raw(',').bool(accepted).raw(',').string(message).raw(']');
        }
    }

    /** {@code ["EOSE", subscription id]}: stored events done, live ones follow. */
    record Eose(String subscriptionId) implements RelayMessage {
        public Eose {
            Messages.checkSubscriptionId(subscriptionId);
        }

        @Override
        public void writeTo(JsonWriter w) {
            w.rawAscii("[\"EOSE\",").string(subscriptionId).raw(']');
        }
    }

    /** {@code ["CLOSED", subscription id, message]}: the relay ended the subscription. */
    record Closed(String subscriptionId, String message) implements RelayMessage {
        public Closed {
            Messages.checkSubscriptionId(subscriptionId);
            Messages.require(message, "message");
        }

        @Override
        public void writeTo(JsonWriter w) {
            w.rawAscii("[\"CLOSED\",").string(subscriptionId).raw(',').string(message).raw(']');
        }
    }

    /** {@code ["NOTICE", message]}. */
    record Notice(String message) implements RelayMessage {
        public Notice {
            Messages.require(message, "message");
        }

        @Override
        public void writeTo(JsonWriter w) {
            w.rawAscii("[\"NOTICE\",").string(message).raw(']');
        }
    }

    /** {@code ["AUTH", challenge]} (NIP-42). */
    record AuthChallenge(String challenge) implements RelayMessage {
        public AuthChallenge {
            Messages.require(challenge, "challenge");
        }

        @Override
        public void writeTo(JsonWriter w) {
            w.rawAscii("[\"AUTH\",").string(challenge).raw(']');
        }
    }

    /** {@code ["COUNT", subscription id, {"count": n}]} (NIP-45). */
    record Count(String subscriptionId, long count, boolean approximate) implements RelayMessage {
        public Count {
            Messages.checkSubscriptionId(subscriptionId);
            if (count < 0) {
                throw new IllegalArgumentException("count must not be negative");
            }
        }

        @Override
        public void writeTo(JsonWriter w) {
            w.rawAscii("[\"COUNT\",").string(subscriptionId).rawAscii(",{\"count\":").number(count);
            if (approximate) {
                w.rawAscii(",\"approximate\":true");
            }
            w.rawAscii("}]");
        }
    }
}
