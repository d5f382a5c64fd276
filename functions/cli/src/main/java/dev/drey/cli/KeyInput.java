package dev.drey.cli;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.Point;
import dev.drey.nostr.Nip19;

/** Keys as operators type them: hex or their NIP-19 form. Errors name the option, never the value. */
final class KeyInput {
    private KeyInput() {
    }

    /** A secret key given as 64 lowercase hex characters or an nsec. */
    static byte[] secretKey(String value, String option) {
        try {
            byte[] sk = value.startsWith("nsec1") ? Nip19.decodeNsec(value) : Hex.decode(value.trim(), 32);
            Scalar.decodeNonZero(sk);
            return sk;
        } catch (RuntimeException e) {
            throw new CliException(option + ": not a valid secret key (64 hex characters or nsec1...)");
        }
    }

    /** An x-only public key given as 64 lowercase hex characters or an npub; must be on the curve. */
    static byte[] publicKey(String value, String option) {
        try {
            byte[] pk = Hex.decode(value.startsWith("npub1") ? Nip19.decodeNpub(value) : value.trim(), 32);
            Point.liftX(pk);
            return pk;
        } catch (RuntimeException e) {
            throw new CliException(option + ": not a valid public key (64 hex characters or npub1...)");
        }
    }

    /** As {@link #publicKey}, as 64 lowercase hex characters. */
    static String publicKeyHex(String value, String option) {
        return Hex.encode(publicKey(value, option));
    }
}
