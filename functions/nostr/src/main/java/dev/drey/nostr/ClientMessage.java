package dev.drey.nostr;

import java.util.List;

/** What a client sends a relay (NIP-01, NIP-42, NIP-45). */
public sealed interface ClientMessage {

    void writeTo(JsonWriter w);

    default String toJson() {
        JsonWriter w = new JsonWriter();
        writeTo(w);
        return w.toString();
    }

    /** {@code ["EVENT", event]}: publish. */
    record EventMessage(Event event) implements ClientMessage {
        public EventMessage {
            Messages.require(event, "event");
        }

        @Override
        public void writeTo(JsonWriter w) {
            w.rawAscii("[\"EVENT\",");
            event.writeTo(w);
            w.raw(']');
        }
    }

    /** {@code ["REQ", subscription id, filter, ...]}. */
    record Req(String subscriptionId, List<Filter> filters) implements ClientMessage {
        public Req {
            Messages.checkSubscriptionId(subscriptionId);
            filters = Messages.checkFilters(filters);
        }

        @Override
        public void writeTo(JsonWriter w) {
            Messages.writeFilters(w, "REQ", subscriptionId, filters);
        }
    }

    /** {@code ["CLOSE", subscription id]}. */
    record Close(String subscriptionId) implements ClientMessage {
        public Close {
            Messages.checkSubscriptionId(subscriptionId);
        }

        @Override
        public void writeTo(JsonWriter w) {
            w.rawAscii("[\"CLOSE\",").string(subscriptionId).raw(']');
        }
    }

    /** {@code ["AUTH", signed kind-22242 event]} (NIP-42). */
    record Auth(Event event) implements ClientMessage {
        public Auth {
            Messages.require(event, "event");
        }

        @Override
        public void writeTo(JsonWriter w) {
            w.rawAscii("[\"AUTH\",");
            event.writeTo(w);
            w.raw(']');
        }
    }

    /** {@code ["COUNT", subscription id, filter, ...]} (NIP-45). */
    record Count(String subscriptionId, List<Filter> filters) implements ClientMessage {
        public Count {
            Messages.checkSubscriptionId(subscriptionId);
            filters = Messages.checkFilters(filters);
        }

        @Override
        public void writeTo(JsonWriter w) {
            Messages.writeFilters(w, "COUNT", subscriptionId, filters);
        }
    }
}
