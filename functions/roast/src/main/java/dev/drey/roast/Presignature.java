package dev.drey.roast;

/**
 * A signer's first presignature for a run (kind 3421, session 0): its nonce commitments D || E, 66 bytes,
 * bound to one coordinator (the event's recipient).
 */
public record Presignature(String requestId, byte[] commitments) implements RoastMessage {
    public static final String TYPE = "presignature";

    public Presignature {
        RoastChecks.requestId(requestId);
        RoastChecks.bytes(commitments, 66, "commitments");
        commitments = commitments.clone();
    }

    @Override
    public byte[] commitments() {
        return commitments.clone();
    }

    @Override
    public int sessionId() {
        return 0;
    }

    @Override
    public int kind() {
        return RoastKinds.PRESIGNATURE;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Presignature p && requestId.equals(p.requestId)
                && java.util.Arrays.equals(commitments, p.commitments);
    }

    @Override
    public int hashCode() {
        return requestId.hashCode() * 31 + java.util.Arrays.hashCode(commitments);
    }

    @Override
    public String toString() {
        return "Presignature[" + requestId + "]";
    }
}
