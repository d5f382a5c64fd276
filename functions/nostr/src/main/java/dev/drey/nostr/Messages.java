package dev.drey.nostr;

import java.util.List;

/** Checks and writing shared by the client and relay message records. */
final class Messages {
    /** NIP-01: subscription ids are non-empty strings of at most 64 characters. */
    static final int MAX_SUBSCRIPTION_ID = 64;

    private Messages() {
    }

    static void require(Object value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
    }

    static boolean isValidSubscriptionId(String id) {
        return id != null && !id.isEmpty() && id.length() <= MAX_SUBSCRIPTION_ID;
    }

    static void checkSubscriptionId(String id) {
        if (!isValidSubscriptionId(id)) {
            throw new IllegalArgumentException("subscription id must be 1 to 64 characters");
        }
    }

    static List<Filter> checkFilters(List<Filter> filters) {
        if (filters == null || filters.isEmpty()) {
            throw new IllegalArgumentException("at least one filter is required");
        }
        return List.copyOf(filters);
    }

    static void writeFilters(JsonWriter w, String type, String subscriptionId, List<Filter> filters) {
        w.raw('[').string(type).raw(',').string(subscriptionId);
        for (Filter f : filters) {
            w.raw(',');
            f.writeTo(w);
        }
        w.raw(']');
    }
}
