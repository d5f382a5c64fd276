package dev.drey.beacon;

/** A beacon message that is malformed or not acceptable; the message says why (never a secret). */
public final class BeaconException extends RuntimeException {
    public BeaconException(String message) {
        super(message);
    }
}
