package dev.drey.crypto.election;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Point;
import java.util.ArrayList;
import java.util.List;

/**
 * The homomorphic tally: per option, the sum of the counted ballots' ciphertexts, starting from the public
 * encryption of zero (G, K) so that the tally of no ballots is still a well-formed ciphertext (α ≠ ∞).
 */
public record Tally(Point publicKey, List<ElGamalCiphertext> ciphertexts) {
    public Tally {
        ElGamalCiphertext.requireKey(publicKey);
        if (ciphertexts == null || ciphertexts.isEmpty()) {
            throw new ElectionException("tally: no options");
        }
        ciphertexts = List.copyOf(ciphertexts);
    }

    /** Sums the ballots (already verified by the caller) option by option; each must have {@code options} selections. */
    public static Tally of(Point publicKey, int options, List<EncryptedBallot> ballots) {
        if (options < 1 || options > RangeProof.MAX_LIMIT) {
            throw new ElectionException("tally: options must be 1.." + RangeProof.MAX_LIMIT);
        }
        List<List<ElGamalCiphertext>> perOption = new ArrayList<>(options);
        for (int i = 0; i < options; i++) {
            List<ElGamalCiphertext> col = new ArrayList<>(ballots.size() + 1);
            col.add(ElGamalCiphertext.trivialZero(publicKey));
            perOption.add(col);
        }
        for (EncryptedBallot b : ballots) {
            if (b.selections().size() != options) {
                throw new ElectionException("tally: a ballot has " + b.selections().size() + " selections for "
                        + options + " options");
            }
            for (int i = 0; i < options; i++) {
                perOption.get(i).add(b.selections().get(i).ciphertext());
            }
        }
        return new Tally(publicKey, perOption.stream().map(ElGamalCiphertext::sum).toList());
    }

    public int options() {
        return ciphertexts.size();
    }

    /**
     * The tally hash the freeze event carries: BIP-340 tagged SHA-256 with tag {@code drey/election/v1/tally} over
     * the length-prefixed parts (4-byte big-endian length, then the bytes) of: the proposal id (UTF-8), the election
     * key K (33 bytes), the number of options (8-byte big-endian), then each option's ciphertext α then β
     * (33 bytes each) in option order.
     */
    public byte[] hash(String proposalId) {
        if (proposalId == null || proposalId.isEmpty()) {
            throw new ElectionException("tally: proposal id required");
        }
        Transcript t = new Transcript("tally").put(proposalId).put(publicKey).put(ciphertexts.size());
        for (ElGamalCiphertext c : ciphertexts) {
            if (c.alpha().isInfinity() || c.beta().isInfinity()) {
                throw new ElectionException("tally: a ciphertext reached the point at infinity");
            }
            t.put(c.alpha()).put(c.beta());
        }
        return t.digest();
    }

    public String hashHex(String proposalId) {
        return Hex.encode(hash(proposalId));
    }
}
