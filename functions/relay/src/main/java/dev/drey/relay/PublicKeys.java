package dev.drey.relay;

import dev.drey.crypto.Hex;
import dev.drey.nostr.Nip19;
import dev.drey.nostr.Nip19Exception;
import java.util.Locale;

/** Reads public keys as operators write them in configuration: 64 hex characters or an npub. */
public final class PublicKeys {
    private PublicKeys() {
    }

    /** The key as 64 lowercase hex characters; hex may be given in either case. */
    public static String parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("public key missing");
        }
        String t = text.strip();
        if (t.startsWith("npub1")) {
            try {
                return Nip19.decodeNpub(t);
            } catch (Nip19Exception | IllegalArgumentException e) {
                throw new IllegalArgumentException("not a valid npub: " + shorten(t) + " (" + e.getMessage() + ")");
            }
        }
        String lower = t.toLowerCase(Locale.ROOT);
        if (!Hex.isLowerHex(lower, 32)) {
            throw new IllegalArgumentException("public key must be 64 hex characters or an npub, got " + shorten(t));
        }
        return lower;
    }

    private static String shorten(String s) {
        return "\"" + (s.length() > 24 ? s.substring(0, 24) + "..." : s) + "\"";
    }
}
