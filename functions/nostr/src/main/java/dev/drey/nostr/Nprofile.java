package dev.drey.nostr;

import dev.drey.crypto.Hex;
import java.util.List;

/** A NIP-19 {@code nprofile}: a public key and relays where its events may be found. */
public record Nprofile(String pubkey, List<String> relays) {
    public Nprofile {
        if (!Hex.isLowerHex(pubkey, 32)) {
            throw new IllegalArgumentException("pubkey must be 64 lowercase hex characters");
        }
        if (relays == null) {
            throw new IllegalArgumentException("relays must not be null (use an empty list)");
        }
        relays = List.copyOf(relays);
    }
}
