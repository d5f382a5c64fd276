package dev.drey.crypto.election;

/** One option of a secret ballot: the encrypted 0/1 and the proof that it is 0 or 1. */
public record EncryptedSelection(ElGamalCiphertext ciphertext, RangeProof proof) {
    public EncryptedSelection {
        if (ciphertext == null || proof == null) {
            throw new ElectionException("selection: ciphertext or proof missing");
        }
    }
}
