package dev.drey.crypto.election;

import java.util.List;

/** A decrypted tally: the count per option, the trustees whose shares were combined and those whose shares were bad. */
public record TallyResult(List<Long> counts, List<Integer> trusteesUsed, List<Integer> culprits) {
    public TallyResult {
        counts = List.copyOf(counts);
        trusteesUsed = List.copyOf(trusteesUsed);
        culprits = List.copyOf(culprits);
    }
}
