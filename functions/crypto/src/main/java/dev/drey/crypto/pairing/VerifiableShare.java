package dev.drey.crypto.pairing;

/**
 * Miner {@code index}'s share of a secret point (s_i·H(ID), s_i·H_T(date, H(ID)) in G1, or s_i·Q in G2)
 * with its DLEQ proof against the public share s_i·P.
 */
public record VerifiableShare(int index, byte[] point, DleqProof proof) {
    public VerifiableShare {
        if (index < 1 || point == null || proof == null) {
            throw new PairingException("share: index >= 1, point and proof required");
        }
        point = point.clone();
    }

    @Override
    public byte[] point() {
        return point.clone();
    }
}
