package dev.drey.roast;

import dev.drey.crypto.frost.Identifier;
import java.util.List;

/**
 * The run's outcome (kind 3424): a 64-byte BIP-340 signature from session {@code sessionId}, or a failure
 * naming every culprit (then {@code signature} is null and {@code sessionId} is 0).
 */
public record SignatureResult(String requestId, int sessionId, byte[] signature, List<Identifier> culprits,
        String reason) implements RoastMessage {
    public static final String TYPE = "signature-result";

    public SignatureResult {
        RoastChecks.requestId(requestId);
        culprits = culprits == null ? List.of() : List.copyOf(culprits);
        reason = reason == null ? "" : reason;
        if (signature != null) {
            RoastChecks.session(sessionId, 1);
            RoastChecks.bytes(signature, 64, "signature");
            signature = signature.clone();
        } else {
            RoastChecks.session(sessionId, 0);
            if (reason.isEmpty()) {
                throw new RoastMessageException("a failed result must give a reason");
            }
        }
        RoastChecks.text(reason, 512, "reason");
    }

    public static SignatureResult success(String requestId, int sessionId, byte[] signature) {
        return new SignatureResult(requestId, sessionId, signature, List.of(), "");
    }

    public static SignatureResult failure(String requestId, List<Identifier> culprits, String reason) {
        return new SignatureResult(requestId, 0, null, culprits, reason);
    }

    public boolean succeeded() {
        return signature != null;
    }

    @Override
    public byte[] signature() {
        return signature == null ? null : signature.clone();
    }

    @Override
    public int kind() {
        return RoastKinds.SIGNATURE_RESULT;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignatureResult r && requestId.equals(r.requestId) && sessionId == r.sessionId
                && java.util.Arrays.equals(signature, r.signature) && culprits.equals(r.culprits)
                && reason.equals(r.reason);
    }

    @Override
    public int hashCode() {
        return requestId.hashCode() * 31 + sessionId;
    }
}
