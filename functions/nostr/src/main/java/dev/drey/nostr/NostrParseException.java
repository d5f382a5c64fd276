package dev.drey.nostr;

/**
 * Untrusted nostr JSON was refused. {@link #reason()} is for code; the message is for people
 * and follows the NIP-01 machine-readable prefix convention ({@code "invalid: ..."}), so a
 * relay can put it straight into an {@code OK} or {@code CLOSED} answer.
 */
public final class NostrParseException extends RuntimeException {

    /** What was wrong, as a machine-usable value. */
    public enum Reason {
        TOO_LARGE,
        MALFORMED_JSON,
        DUPLICATE_KEY,
        LIMIT_EXCEEDED,
        TRAILING_DATA,
        WRONG_TYPE,
        MISSING_FIELD,
        UNKNOWN_FIELD,
        INVALID_ID,
        INVALID_PUBKEY,
        INVALID_SIG,
        INVALID_KIND,
        INVALID_CREATED_AT,
        INVALID_TAGS,
        INVALID_CONTENT,
        UNKNOWN_MESSAGE,
        INVALID_MESSAGE,
        INVALID_SUBSCRIPTION_ID,
        INVALID_FILTER
    }

    private final Reason reason;

    public NostrParseException(Reason reason, String detail) {
        super("invalid: " + detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
