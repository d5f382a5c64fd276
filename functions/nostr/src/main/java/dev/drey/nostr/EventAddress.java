package dev.drey.nostr;

import dev.drey.crypto.Hex;

/**
 * Where a replaceable or addressable event lives: {@code kind:pubkey:d} (the NIP-01 {@code a}
 * tag form). For replaceable kinds {@code d} is empty.
 */
public record EventAddress(int kind, String pubkey, String d) {
    public EventAddress {
        if (kind < 0 || kind > Event.MAX_KIND) {
            throw new IllegalArgumentException("kind must be an integer in 0..65535");
        }
        if (!Hex.isLowerHex(pubkey, 32)) {
            throw new IllegalArgumentException("pubkey must be 64 lowercase hex characters");
        }
        if (d == null) {
            throw new IllegalArgumentException("d must not be null");
        }
    }

    @Override
    public String toString() {
        return kind + ":" + pubkey + ":" + d;
    }
}
