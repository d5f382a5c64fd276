package dev.drey.roast;

/** A protocol message is malformed or does not fit its run; the message says what is wrong, never a secret. */
public final class RoastMessageException extends RuntimeException {
    public RoastMessageException(String message) {
        super(message);
    }
}
