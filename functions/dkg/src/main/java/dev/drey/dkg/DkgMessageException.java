package dev.drey.dkg;

/** A DKG message is malformed or does not fit its run; the message says what is wrong, never a secret. */
public final class DkgMessageException extends RuntimeException {
    public DkgMessageException(String message) {
        super(message);
    }
}
