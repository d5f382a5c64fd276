package dev.drey.crypto.tlock;

import dev.drey.crypto.CryptoException;

/** A malformed age file, armor or tlock ciphertext, or one that cannot be opened yet: the message says which. */
public final class TlockException extends CryptoException {
    public TlockException(String message) {
        super(message);
    }
}
