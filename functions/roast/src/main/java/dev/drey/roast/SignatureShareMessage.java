package dev.drey.roast;

/**
 * A signer's signature share for session {@code sessionId} and its next presignature (kind 3423). The
 * share is public once sent; the next commitments are for the next session the coordinator puts it in.
 */
public record SignatureShareMessage(String requestId, int sessionId, byte[] share, byte[] nextCommitments)
        implements RoastMessage {
    public static final String TYPE = "signature-share";

    public SignatureShareMessage {
        RoastChecks.requestId(requestId);
        RoastChecks.session(sessionId, 1);
        RoastChecks.bytes(share, 32, "share");
        RoastChecks.bytes(nextCommitments, 66, "next commitments");
        share = share.clone();
        nextCommitments = nextCommitments.clone();
    }

    @Override
    public byte[] share() {
        return share.clone();
    }

    @Override
    public byte[] nextCommitments() {
        return nextCommitments.clone();
    }

    @Override
    public int kind() {
        return RoastKinds.SIGNATURE_SHARE;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignatureShareMessage m && requestId.equals(m.requestId) && sessionId == m.sessionId
                && java.util.Arrays.equals(share, m.share) && java.util.Arrays.equals(nextCommitments, m.nextCommitments);
    }

    @Override
    public int hashCode() {
        return requestId.hashCode() * 31 + sessionId;
    }

    @Override
    public String toString() {
        return "SignatureShareMessage[" + requestId + ", session " + sessionId + "]";
    }
}
