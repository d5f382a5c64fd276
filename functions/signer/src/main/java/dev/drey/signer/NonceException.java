package dev.drey.signer;

/** A stored nonce is unusable (altered, foreign or corrupt). The message never holds secret material. */
public final class NonceException extends RuntimeException {
    public NonceException(String message) {
        super(message);
    }
}
