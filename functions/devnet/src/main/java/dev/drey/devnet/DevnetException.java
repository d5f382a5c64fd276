package dev.drey.devnet;

/** A devnet step that cannot go on, with a message saying which and why (shown to the user as is). */
public final class DevnetException extends RuntimeException {
    public DevnetException(String message) {
        super(message);
    }

    public DevnetException(String message, Throwable cause) {
        super(message, cause);
    }
}
