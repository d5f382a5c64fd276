package dev.drey.crypto.election;

import java.util.List;

/** A trustee's partial decryption of a whole tally: one {@link DecryptionShare} per option, in option order. */
public record PartialDecryption(int trustee, List<DecryptionShare> shares) {
    public PartialDecryption {
        if (trustee < 1 || shares == null || shares.isEmpty()) {
            throw new ElectionException("partial decryption: trustee index >= 1 and shares required");
        }
        shares = List.copyOf(shares);
    }
}
