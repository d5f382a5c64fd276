package dev.drey.roast;

import dev.drey.crypto.frost.Identifier;
import dev.drey.crypto.frost.SigningCommitments;
import dev.drey.crypto.frost.SigningPackage;
import java.util.List;

/**
 * The coordinator starts session {@code sessionId} (kind 3422): the message and the t signers with the
 * commitments each of them sent last. Every signer named checks its own commitments are the ones it sent.
 */
public record SessionStart(String requestId, int sessionId, SigningPackage signingPackage) implements RoastMessage {
    public static final String TYPE = "session-start";

    public SessionStart {
        RoastChecks.requestId(requestId);
        RoastChecks.session(sessionId, 1);
        if (signingPackage == null) {
            throw new RoastMessageException("session start without signing package");
        }
        RoastChecks.bytes(signingPackage.message(), 32, "message");
    }

    public byte[] message() {
        return signingPackage.message();
    }

    public List<Identifier> signers() {
        return signingPackage.signers();
    }

    public SigningCommitments commitmentsOf(Identifier id) {
        return signingPackage.commitmentsOf(id);
    }

    @Override
    public int kind() {
        return RoastKinds.SESSION_START;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String toString() {
        return "SessionStart[" + requestId + ", session " + sessionId + ", signers=" + signers() + "]";
    }
}
