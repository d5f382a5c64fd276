package dev.drey.vote;

/** A vote message or record is refused; the message names the field or the check and why. */
public final class VoteException extends RuntimeException {
    public VoteException(String message) {
        super(message);
    }
}
