package dev.drey.pol.protocol;

/** A request failed a check; carries the reason code and, when it could be read, the request id. */
public final class RequestRefusedException extends RuntimeException {
    private final RefusalReason reason;
    private final String requestId;

    public RequestRefusedException(RefusalReason reason, String requestId, String message) {
        super(reason.code() + ": " + message);
        this.reason = reason;
        this.requestId = requestId;
    }

    public RefusalReason reason() {
        return reason;
    }

    /** The request id, or null when the content could not be read that far. */
    public String requestId() {
        return requestId;
    }
}
