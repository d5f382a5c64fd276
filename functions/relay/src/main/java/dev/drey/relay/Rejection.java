package dev.drey.relay;

import java.util.Objects;

/**
 * Why the relay refused something, as the NIP-01 machine-readable prefix and a human message.
 * Its {@link #text()} goes into an {@code OK false} or {@code CLOSED} answer.
 */
public record Rejection(Prefix prefix, String message) {

    /** The NIP-01 prefixes this relay uses. */
    public enum Prefix {
        INVALID("invalid"),
        BLOCKED("blocked"),
        RESTRICTED("restricted"),
        AUTH_REQUIRED("auth-required"),
        RATE_LIMITED("rate-limited"),
        DUPLICATE("duplicate"),
        ERROR("error");

        private final String label;

        Prefix(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public Rejection {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(message, "message");
    }

    /** {@code "prefix: message"}. */
    public String text() {
        return prefix.label + ": " + message;
    }

    public static Rejection invalid(String message) {
        return new Rejection(Prefix.INVALID, message);
    }

    public static Rejection blocked(String message) {
        return new Rejection(Prefix.BLOCKED, message);
    }

    public static Rejection restricted(String message) {
        return new Rejection(Prefix.RESTRICTED, message);
    }

    public static Rejection authRequired(String message) {
        return new Rejection(Prefix.AUTH_REQUIRED, message);
    }

    public static Rejection rateLimited(String message) {
        return new Rejection(Prefix.RATE_LIMITED, message);
    }

    public static Rejection error(String message) {
        return new Rejection(Prefix.ERROR, message);
    }

    /**
     * Splits a message that already carries a prefix (as {@code Verification.message()} and
     * {@code NostrParseException} do); anything unrecognised counts as {@code invalid}.
     */
    public static Rejection fromPrefixed(String text) {
        int colon = text.indexOf(": ");
        if (colon > 0) {
            String label = text.substring(0, colon);
            for (Prefix p : Prefix.values()) {
                if (p.label.equals(label)) {
                    return new Rejection(p, text.substring(colon + 2));
                }
            }
        }
        return invalid(text);
    }

    @Override
    public String toString() {
        return text();
    }
}
