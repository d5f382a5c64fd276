package dev.drey.crypto.pairing;

import java.math.BigInteger;

/** Miner {@code index}'s share s_i of the DTA master secret s (a scalar mod r). Never printed. */
public record MasterSecretShare(PairingCurve curve, int index, BigInteger value) {
    public MasterSecretShare {
        if (curve == null) {
            throw new PairingException("master secret share: curve missing");
        }
        if (index < 1) {
            throw new PairingException("master secret share: index must be at least 1");
        }
        if (value == null || value.signum() <= 0 || value.compareTo(curve.order()) >= 0) {
            throw new PairingException("master secret share: value must be in 1..r-1");
        }
    }

    /** s_i·P, the public share others check proofs against. */
    public byte[] publicShare() {
        return curve.g1().mul(curve.g1().generator(), value);
    }

    @Override
    public String toString() {
        return "MasterSecretShare[curve=" + curve.id() + ", index=" + index + ", value=<secret>]";
    }
}
