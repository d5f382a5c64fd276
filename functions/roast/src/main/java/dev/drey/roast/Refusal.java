package dev.drey.roast;

/**
 * A signer declines (a signed answer, never silence): to a sign request its policy refuses (kind 3421,
 * session 0), or to a session start it cannot serve, e.g. because the nonce is already spent (kind 3423).
 * The reason is for operators; it never carries a secret.
 */
public record Refusal(String requestId, int sessionId, String reason) implements RoastMessage {
    public static final String TYPE = "refusal";

    public Refusal {
        RoastChecks.requestId(requestId);
        RoastChecks.session(sessionId, 0);
        if (reason == null || reason.isEmpty()) {
            throw new RoastMessageException("a refusal must give a reason");
        }
        RoastChecks.text(reason, 512, "reason");
    }

    @Override
    public int kind() {
        return sessionId == 0 ? RoastKinds.PRESIGNATURE : RoastKinds.SIGNATURE_SHARE;
    }

    @Override
    public String type() {
        return TYPE;
    }
}
