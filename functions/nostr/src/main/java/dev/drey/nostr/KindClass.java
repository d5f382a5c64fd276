package dev.drey.nostr;

import java.util.Optional;

/** How relays store an event, decided by its kind (NIP-01). */
public enum KindClass {
    /** Stored; every event kept. */
    REGULAR,
    /** Only the latest per (kind, pubkey) kept: kinds 0, 3 and 10000–19999. */
    REPLACEABLE,
    /** Not stored: kinds 20000–29999. */
    EPHEMERAL,
    /** Only the latest per (kind, pubkey, d tag) kept: kinds 30000–39999. */
    ADDRESSABLE;

    /** NIP-01 defines ranges up to 39999; kinds it leaves unassigned are stored like regular ones. */
    public static KindClass of(int kind) {
        if (kind == 0 || kind == 3 || (kind >= 10000 && kind < 20000)) {
            return REPLACEABLE;
        }
        if (kind >= 20000 && kind < 30000) {
            return EPHEMERAL;
        }
        if (kind >= 30000 && kind < 40000) {
            return ADDRESSABLE;
        }
        return REGULAR;
    }

    /**
     * The key under which a replaceable or addressable event replaces older ones; empty for
     * regular and ephemeral events. Addressable events without a {@code d} tag use {@code ""}.
     */
    public static Optional<EventAddress> addressOf(Event event) {
        return switch (of(event.kind())) {
            case REPLACEABLE -> Optional.of(new EventAddress(event.kind(), event.pubkey(), ""));
            case ADDRESSABLE -> Optional.of(new EventAddress(event.kind(), event.pubkey(),
                    event.firstTagValue("d").orElse("")));
            default -> Optional.empty();
        };
    }
}
