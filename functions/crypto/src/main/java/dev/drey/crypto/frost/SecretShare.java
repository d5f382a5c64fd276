package dev.drey.crypto.frost;

import dev.drey.crypto.Point;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.SecretMul;
import java.util.List;

/**
 * What a trusted dealer hands one participant: its share f(i) and the VSS commitment to f, so the
 * participant can check the share before using it.
 */
public record SecretShare(Identifier identifier, Scalar signingShare, VssCommitment commitment) {
    public SecretShare {
        if (identifier == null || signingShare == null || commitment == null) {
            throw new FrostException(FrostException.Fault.MISSING_INPUT, "secret share: missing field");
        }
    }

    /** Verifies the share against the commitment (RFC 9591 vss_verify) and derives the key package. */
    public KeyPackage verify() {
        if (signingShare.isZero() || !commitment.verify(identifier, signingShare)) {
            throw new FrostException(FrostException.Fault.INVALID_SECRET_SHARE,
                    "secret share does not match the dealer's commitment", List.of(identifier));
        }
        Point groupKey = commitment.constant();
        if (groupKey.isInfinity()) {
            throw new FrostException(FrostException.Fault.INVALID_ELEMENT, "dealer committed to a zero group key");
        }
        return new KeyPackage(identifier, signingShare, SecretMul.mulG(signingShare), groupKey, commitment.size());
    }
}
