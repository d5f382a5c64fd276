package dev.drey.kv;

/**
 * The store's backend failed (I/O, connection, timeout, protocol or server error) or could not be opened.
 * The message names the backend, the operation and, where useful, the key — never a stored value.
 */
public class KvException extends RuntimeException {
    public KvException(String message) {
        super(message);
    }

    public KvException(String message, Throwable cause) {
        super(message, cause);
    }
}
