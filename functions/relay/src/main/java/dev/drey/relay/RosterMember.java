package dev.drey.relay;

import java.util.Optional;

/**
 * A member of the federation roster: its key and, when known, the URL of its own relay (where
 * peer pull will fetch events addressed to this miner). Written in configuration as
 * {@code key} or {@code key@wss://host:port} with the key in hex or npub form.
 */
public record RosterMember(String pubkey, Optional<String> relayUrl) {

    public RosterMember {
        pubkey = PublicKeys.parse(pubkey);
        if (relayUrl == null) {
            relayUrl = Optional.empty();
        }
        relayUrl.ifPresent(RosterMember::checkUrl);
    }

    public static RosterMember parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("roster entry is empty");
        }
        String t = text.strip();
        int at = t.indexOf('@');
        if (at < 0) {
            return new RosterMember(t, Optional.empty());
        }
        return new RosterMember(t.substring(0, at), Optional.of(t.substring(at + 1)));
    }

    private static void checkUrl(String url) {
        if (!(url.startsWith("ws://") || url.startsWith("wss://")) || url.length() <= "wss://".length()) {
            throw new IllegalArgumentException("roster relay URL must start with ws:// or wss://, got \"" + url + "\"");
        }
    }
}
