package dev.drey.beacon;

import java.util.Map;

/**
 * The threshold BLS operations the beacon needs, for one chain's key (G2 group key, G1 verification shares)
 * and, on a miner, its own share. The state machine depends only on this, so it is tested without any
 * particular pairing library; the production binding wraps the BLS12-381 classes of {@code dev.drey.crypto.bls}.
 * Implementations are deterministic except for the DLEQ proof's nonce.
 */
public interface ChainKey {

    /** t: how many valid partials make a signature. */
    int threshold();

    /** Whether {@code index} holds a share of this key. */
    boolean isMember(int index);

    /** This miner's index in the key's roster. */
    int myIndex();

    /** The partial σ_i = s_i·H(message) of this miner, with the DLEQ proof against its verification share. */
    SignedPartial sign(Domain domain, byte[] message);

    /** Whether member {@code index}'s partial and proof are right for {@code message} (no pairing needed). */
    boolean verifyPartial(Domain domain, byte[] message, int index, byte[] partial, byte[] proof);

    /** Σ λ_i·σ_i over exactly t checked partials by member index (Lagrange at zero). */
    byte[] aggregate(Map<Integer, SignedPartial> partials);

    /** Whether {@code signature} is the group's signature of {@code message} (one pairing equation). */
    boolean verify(Domain domain, byte[] message, byte[] signature);

    /** A partial and its DLEQ proof, as encoded on the wire. */
    record SignedPartial(byte[] partial, byte[] proof) {
        public SignedPartial {
            partial = partial.clone();
            proof = proof.clone();
        }

        @Override
        public byte[] partial() {
            return partial.clone();
        }

        @Override
        public byte[] proof() {
            return proof.clone();
        }
    }
}
