package dev.drey.crypto.election;

import java.util.List;

/**
 * A secret ballot: one encrypted selection per option, in option order, and the proof that the sum of the
 * selections is within the selection limit (0..L).
 */
public record EncryptedBallot(List<EncryptedSelection> selections, RangeProof limitProof) {
    public EncryptedBallot {
        if (selections == null || selections.isEmpty() || limitProof == null) {
            throw new ElectionException("ballot: selections or limit proof missing");
        }
        selections = List.copyOf(selections);
    }

    public List<ElGamalCiphertext> ciphertexts() {
        return selections.stream().map(EncryptedSelection::ciphertext).toList();
    }

    /** The ciphertext the limit proof is about: the homomorphic sum of the selections. */
    public ElGamalCiphertext total() {
        return ElGamalCiphertext.sum(ciphertexts());
    }
}
