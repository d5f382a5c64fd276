package dev.drey.kafka;

import dev.drey.nostr.Event;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * An event a function wants published, and the relays to publish it to (the recipients'
 * relays). Relay URLs are {@code ws://} or {@code wss://} URLs with a host; duplicates are dropped,
 * order kept.
 */
public record OutboxRecord(Event event, List<String> relays) {

    /** Enough for every miner of a federation plus a few service relays. */
    public static final int MAX_RELAYS = 64;
    public static final int MAX_RELAY_URL_LENGTH = 2048;

    public OutboxRecord {
        if (event == null) {
            throw new IllegalArgumentException("outbox event must not be null");
        }
        if (relays == null || relays.isEmpty()) {
            throw new IllegalArgumentException("an outbox record needs at least one recipient relay");
        }
        if (relays.size() > MAX_RELAYS) {
            throw new IllegalArgumentException("an outbox record names at most " + MAX_RELAYS
                    + " relays, got " + relays.size());
        }
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        for (String relay : relays) {
            checkRelayUrl(relay);
            unique.add(relay);
        }
        relays = List.copyOf(unique);
    }

    /** Refuses anything but an absolute ws/wss URL with a host. */
    public static void checkRelayUrl(String relay) {
        if (relay == null) {
            throw new IllegalArgumentException("relay URL must not be null");
        }
        if (relay.length() > MAX_RELAY_URL_LENGTH) {
            throw new IllegalArgumentException("relay URL longer than " + MAX_RELAY_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(relay);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("relay URL is not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new IllegalArgumentException("relay URL must start with ws:// or wss://: " + relay);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("relay URL has no host: " + relay);
        }
    }
}
