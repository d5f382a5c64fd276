package dev.drey.runtime;

import dev.drey.crypto.Hex;
import dev.drey.kafka.OutboxRecord;
import dev.drey.nostr.Event;
import dev.drey.nostr.Nip19;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where an event a function made must be published: the relays of the keys its {@code p} tags name (from
 * the roster: {@code <npub or hex>@<ws(s) URL>}, the form relay-ingest's roster uses), plus the default
 * relays (this miner's own relay, so its peers and its own functions see it too). An event whose
 * recipients have no known relay and with no default relays cannot be routed: refused with a message
 * naming them.
 */
public final class RecipientRelays {
    private final Map<String, List<String>> byPubkey;
    private final List<String> defaults;

    public RecipientRelays(Map<String, List<String>> byPubkey, List<String> defaults) {
        this.byPubkey = Map.copyOf(byPubkey);
        this.defaults = List.copyOf(defaults);
    }

    /**
     * Parses roster entries {@code key@url} (key as 64 hex or npub; a key may appear several times for
     * several relays) and default relay URLs; blank entries are skipped.
     */
    public static RecipientRelays parse(List<String> roster, List<String> defaults) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (String entry : roster) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            String t = entry.strip();
            int at = t.indexOf('@');
            if (at <= 0 || at == t.length() - 1) {
                throw new IllegalArgumentException("roster entry must be <npub or hex key>@<ws(s) URL>, was \"" + t + "\"");
            }
            String key = pubkey(t.substring(0, at));
            String url = t.substring(at + 1);
            checkUrl(url);
            map.computeIfAbsent(key, k -> new ArrayList<>()).add(url);
        }
        List<String> d = new ArrayList<>();
        for (String url : defaults) {
            if (url != null && !url.isBlank()) {
                checkUrl(url.strip());
                d.add(url.strip());
            }
        }
        return new RecipientRelays(map, d);
    }

    /** The outbox record of {@code event}: its recipients' relays then the defaults. */
    public OutboxRecord route(Event event) {
        Set<String> relays = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String recipient : event.tagValues("p")) {
            List<String> r = byPubkey.get(recipient);
            if (r == null) {
                unknown.add(recipient);
            } else {
                relays.addAll(r);
            }
        }
        relays.addAll(defaults);
        if (relays.isEmpty()) {
            throw new IllegalStateException("event " + event.id() + " (kind " + event.kind() + ") cannot be routed: "
                    + (unknown.isEmpty() ? "it names no recipient" : "no relay is known for " + unknown)
                    + " and no default relay is configured");
        }
        return new OutboxRecord(event, new ArrayList<>(relays));
    }

    public List<OutboxRecord> routeAll(List<Event> events) {
        List<OutboxRecord> out = new ArrayList<>();
        for (Event e : events) {
            out.add(route(e));
        }
        return out;
    }

    private static String pubkey(String text) {
        String t = text.strip();
        if (t.startsWith("npub1")) {
            return Nip19.decodeNpub(t);
        }
        if (!Hex.isLowerHex(t, 32)) {
            throw new IllegalArgumentException("roster key must be an npub or 64 lowercase hex characters, was \"" + t + "\"");
        }
        return t;
    }

    /** Any well-formed event: only used to ask {@link OutboxRecord} whether it accepts a relay URL. */
    private static final Event PROBE = new Event("00".repeat(32), "00".repeat(32), 0, 1, List.of(), "",
            "00".repeat(64));

    private static void checkUrl(String url) {
        // OutboxRecord is the one judge of relay URLs (ws/wss with a host); ask it now, at configuration time.
        new OutboxRecord(PROBE, List.of(url));
    }
}
