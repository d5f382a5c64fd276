package dev.drey.relay;

import java.util.Set;

/**
 * What a policy may know about the connection a message came on: the keys it authenticated
 * as (NIP-42, several allowed) and the time the message arrived (unix milliseconds).
 */
public record SessionContext(Set<String> authenticatedKeys, long nowMillis) {

    public SessionContext {
        authenticatedKeys = Set.copyOf(authenticatedKeys);
    }

    public long nowSeconds() {
        return Math.floorDiv(nowMillis, 1000L);
    }

    public boolean isAuthenticated() {
        return !authenticatedKeys.isEmpty();
    }

    public boolean isAuthenticatedAs(String pubkey) {
        return authenticatedKeys.contains(pubkey);
    }
}
