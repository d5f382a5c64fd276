package dev.drey.crypto.election;

import dev.drey.crypto.Scalar;

/** A trustee's secret share s_i of the election key, with its 1-based index. Never printed. */
public record TrusteeShare(int index, Scalar secret) {
    public TrusteeShare {
        if (index < 1 || secret == null || secret.isZero()) {
            throw new ElectionException("trustee share: index must be >= 1 and the share non-zero");
        }
    }

    @Override
    public String toString() {
        return "TrusteeShare[" + index + ", redacted]";
    }
}
