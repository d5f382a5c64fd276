package dev.drey.runtime;

/**
 * What a platform delivered is not a well-formed Drey event record: a bad MSK batch entry, a CloudEvent
 * without its event, a key that is not the event's id. The message names the record and what is wrong.
 */
public final class InboundException extends RuntimeException {
    public InboundException(String message) {
        super(message);
    }

    public InboundException(String message, Throwable cause) {
        super(message, cause);
    }
}
