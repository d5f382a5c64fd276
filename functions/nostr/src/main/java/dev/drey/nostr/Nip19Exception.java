package dev.drey.nostr;

/** A NIP-19 bech32 string was refused; {@link #reason()} says why for code, the message for people. */
public final class Nip19Exception extends RuntimeException {

    public enum Reason {
        /** Not bech32 at all: bad length, characters, separator or padding. */
        MALFORMED,
        MIXED_CASE,
        BAD_CHECKSUM,
        /** A valid bech32 string for another entity (e.g. nsec where npub was expected). */
        WRONG_PREFIX,
        WRONG_LENGTH,
        BAD_TLV
    }

    private final Reason reason;

    public Nip19Exception(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
