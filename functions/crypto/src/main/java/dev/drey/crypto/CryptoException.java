package dev.drey.crypto;

/** A cryptographic input or operation was refused; the message says which and why. */
public class CryptoException extends RuntimeException {
    public CryptoException(String message) {
        super(message);
    }

    public CryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
