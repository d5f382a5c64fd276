package dev.drey.roast;

import java.util.List;

/**
 * A request for a group signature over a 32-byte message (kind 3420). Its event id is the request id.
 *
 * @param requestId the sign-request event's id
 * @param message the 32 bytes to sign (for a nostr event signed by the group: its event id)
 * @param purpose what is signed, for the signers' policy (e.g. {@value #PURPOSE_ISSUANCE})
 * @param coordinators the coordinators' nostr public keys (x-only hex); each gets its own nonces
 * @param payload the thing signed, for the policy to check against {@code message} (e.g. the unsigned
 *     issuance event as JSON); empty if none
 * @param authorization evidence for the policy (e.g. the proof-of-life claim event as JSON); empty if none
 */
public record SignRequest(String requestId, byte[] message, String purpose, List<String> coordinators,
        String payload, String authorization) implements RoastMessage {
    public static final String TYPE = "sign-request";
    public static final String PURPOSE_ISSUANCE = "drey-issuance";
    /** The most coordinators a request may name. */
    public static final int MAX_COORDINATORS = 16;

    public SignRequest {
        RoastChecks.requestId(requestId);
        RoastChecks.bytes(message, 32, "message");
        if (purpose == null || purpose.isEmpty() || purpose.length() > 64) {
            throw new RoastMessageException("purpose must be 1 to 64 characters");
        }
        if (coordinators == null || coordinators.isEmpty() || coordinators.size() > MAX_COORDINATORS) {
            throw new RoastMessageException("a sign request names 1 to " + MAX_COORDINATORS + " coordinators");
        }
        coordinators = List.copyOf(coordinators);
        for (String c : coordinators) {
            RoastChecks.pubkey(c, "coordinator");
        }
        if (coordinators.stream().distinct().count() != coordinators.size()) {
            throw new RoastMessageException("a sign request names a coordinator twice");
        }
        payload = payload == null ? "" : payload;
        authorization = authorization == null ? "" : authorization;
        message = message.clone();
    }

    @Override
    public byte[] message() {
        return message.clone();
    }

    @Override
    public int sessionId() {
        return 0;
    }

    @Override
    public int kind() {
        return RoastKinds.SIGN_REQUEST;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignRequest r && requestId.equals(r.requestId) && java.util.Arrays.equals(message, r.message)
                && purpose.equals(r.purpose) && coordinators.equals(r.coordinators) && payload.equals(r.payload)
                && authorization.equals(r.authorization);
    }

    @Override
    public int hashCode() {
        return requestId.hashCode();
    }

    @Override
    public String toString() {
        return "SignRequest[" + requestId + ", purpose=" + purpose + ", coordinators=" + coordinators.size() + "]";
    }
}
