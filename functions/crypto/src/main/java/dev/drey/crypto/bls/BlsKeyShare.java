package dev.drey.crypto.bls;

import java.math.BigInteger;

/**
 * One miner's share s_i of a threshold BLS key (index i ≥ 1, s_i in [1, r)); its verification share is
 * v_i = s_i·g1 in G1. The secret never appears in {@link #toString}.
 */
public record BlsKeyShare(int index, BigInteger secret) {
    public BlsKeyShare {
        if (index < 1) {
            throw new BlsException("key share: index must be at least 1");
        }
        if (secret == null || secret.signum() <= 0 || secret.compareTo(Bls12381.ORDER) >= 0) {
            throw new BlsException("key share " + index + ": secret must be in [1, r)");
        }
    }

    public G1Point verificationShare() {
        return G1Point.generator().mulSecret(secret);
    }

    @Override
    public String toString() {
        return "BlsKeyShare[index=" + index + ", secret=<redacted>]";
    }
}
