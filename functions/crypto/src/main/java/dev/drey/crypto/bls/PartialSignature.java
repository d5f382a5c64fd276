package dev.drey.crypto.bls;

import dev.drey.crypto.pairing.DleqProof;
import java.util.Arrays;

/**
 * Miner i's share of a threshold BLS signature, σ_i = s_i·H(m), with a DLEQ proof (GLOW-DVRF, Galindo et al.
 * 2021) that log_g1(v_i) = log_H(m)(σ_i) for its verification share v_i, so it is checked without pairings.
 * Wire form ({@link #toBytes}): σ_i (48, compressed) || c (32) || z (32); the index travels beside it.
 */
public record PartialSignature(int index, G1Point sigma, DleqProof proof) {
    public static final int BYTES = G1Point.BYTES + 2 * Bls12381.SCALAR_BYTES;

    public PartialSignature {
        if (index < 1) {
            throw new BlsException("partial signature: index must be at least 1");
        }
        if (sigma == null || sigma.isIdentity() || proof == null) {
            throw new BlsException("partial signature " + index + ": sigma must be a non-identity G1 point, with a proof");
        }
    }

    public byte[] toBytes() {
        byte[] out = new byte[BYTES];
        System.arraycopy(sigma.toBytes(), 0, out, 0, G1Point.BYTES);
        System.arraycopy(Bls12381.scalarBytes(proof.c()), 0, out, G1Point.BYTES, Bls12381.SCALAR_BYTES);
        System.arraycopy(Bls12381.scalarBytes(proof.z()), 0, out, G1Point.BYTES + Bls12381.SCALAR_BYTES,
                Bls12381.SCALAR_BYTES);
        return out;
    }

    /** Decodes the wire form strictly (length, canonical point in G1, scalars below r). */
    public static PartialSignature fromBytes(int index, byte[] b) {
        String what = "partial signature " + index;
        if (b == null || b.length != BYTES) {
            throw new BlsException(what + ": expected " + BYTES + " bytes");
        }
        G1Point sigma = G1Point.fromBytesNonIdentity(Arrays.copyOfRange(b, 0, G1Point.BYTES), what);
        int at = G1Point.BYTES;
        DleqProof proof = new DleqProof(
                Bls12381.scalarFromBytes(Arrays.copyOfRange(b, at, at + Bls12381.SCALAR_BYTES), what + " proof c"),
                Bls12381.scalarFromBytes(Arrays.copyOfRange(b, at + Bls12381.SCALAR_BYTES, BYTES), what + " proof z"));
        return new PartialSignature(index, sigma, proof);
    }
}
