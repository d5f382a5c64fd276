package dev.drey.nostr;

/** The outcome of checking an event's id and signature. */
public enum Verification {
    VALID("valid"),
    BAD_ID("invalid: id is not the hash of the event"),
    BAD_SIGNATURE("invalid: signature does not verify");

    private final String message;

    Verification(String message) {
        this.message = message;
    }

    public boolean isValid() {
        return this == VALID;
    }

    /** A NIP-01 style message, fit for an OK answer. */
    public String message() {
        return message;
    }
}
