package dev.drey.crypto.nip44;

import dev.drey.crypto.CryptoException;

/**
 * A NIP-44 input was refused. {@link #reason()} names the failure for code; the message names it
 * for people ("nip44: invalid MAC", "nip44: unknown version 3", ...). Messages never contain key
 * material or plaintext.
 */
public final class Nip44Exception extends CryptoException {
    /** What was wrong. */
    public enum Reason {
        /** The secret key is zero or not below the group order. */
        INVALID_SECRET_KEY,
        /** The peer's x-only public key is not the x-coordinate of a secp256k1 point. */
        INVALID_PUBLIC_KEY,
        /** A conversation key, nonce or other fixed-size input has the wrong length. */
        INVALID_KEY_LENGTH,
        /** Plaintext is empty, or is not well-formed UTF-16 (cannot become UTF-8). */
        INVALID_PLAINTEXT,
        /** Plaintext is above the configured size limit. */
        PLAINTEXT_TOO_LARGE,
        /** The payload (or its decoded bytes) is shorter or longer than any valid payload. */
        INVALID_PAYLOAD_LENGTH,
        /** The payload is not canonical, padded, standard-alphabet base64. */
        INVALID_BASE64,
        /** The payload is from another version ('#' prefix, or version byte other than 2). */
        UNKNOWN_VERSION,
        /** The HMAC does not match: wrong key, or the payload was altered. */
        INVALID_MAC,
        /** The authenticated plaintext's length prefix or padded length is inconsistent. */
        INVALID_PADDING,
        /** The authenticated plaintext is not valid UTF-8. */
        INVALID_UTF8
    }

    private final Reason reason;

    public Nip44Exception(Reason reason, String message) {
        super("nip44: " + message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
