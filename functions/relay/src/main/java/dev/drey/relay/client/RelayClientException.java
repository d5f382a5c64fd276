package dev.drey.relay.client;

/** A relay that cannot be reached, refuses an event, or did not answer in time; the message names it. */
public final class RelayClientException extends RuntimeException {
    public RelayClientException(String message) {
        super(message);
    }
}
