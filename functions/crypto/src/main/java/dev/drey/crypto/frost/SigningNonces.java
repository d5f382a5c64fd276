package dev.drey.crypto.frost;

import dev.drey.crypto.Scalar;

/**
 * A signer's secret round-1 state: hiding nonce d and binding nonce e, with their commitments.
 * Must be used for exactly one signature share and then discarded.
 */
public record SigningNonces(Scalar hiding, Scalar binding, SigningCommitments commitments) {
    public SigningNonces {
        if (hiding == null || binding == null || commitments == null) {
            throw new FrostException(FrostException.Fault.MISSING_INPUT, "signing nonces: missing field");
        }
        if (hiding.isZero() || binding.isZero()) {
            throw new FrostException(FrostException.Fault.INVALID_ELEMENT, "signing nonces: zero nonce");
        }
    }

    public Identifier identifier() {
        return commitments.identifier();
    }
}
