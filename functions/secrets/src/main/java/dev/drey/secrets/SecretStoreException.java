package dev.drey.secrets;

/** A key file cannot be read or written: wrong passphrase, corrupted or foreign file, KMS refusal. */
public final class SecretStoreException extends RuntimeException {
    public SecretStoreException(String message) {
        super(message);
    }

    public SecretStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
