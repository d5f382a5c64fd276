package dev.drey.crypto.election;

import dev.drey.crypto.Point;
import dev.drey.crypto.Scalar;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/** Encrypts a voter's choices into an {@link EncryptedBallot} with every proof. */
public final class BallotEncryptor {
    private BallotEncryptor() {
    }

    /**
     * @param choices one 0 or 1 per option (0-based option order)
     * @param limit the selection limit L (1 for {@code singlechoice}); the prover refuses a ballot over it
     */
    public static EncryptedBallot encrypt(Point publicKey, BallotContext context, int[] choices, int limit,
            SecureRandom rng) {
        ElGamalCiphertext.requireKey(publicKey);
        RangeProof.requireLimit(limit);
        if (choices == null || choices.length == 0 || choices.length > RangeProof.MAX_LIMIT) {
            throw new ElectionException("ballot: needs 1.." + RangeProof.MAX_LIMIT + " options");
        }
        int total = 0;
        for (int i = 0; i < choices.length; i++) {
            if (choices[i] != 0 && choices[i] != 1) {
                throw new ElectionException("ballot: option " + i + " must be 0 or 1");
            }
            total += choices[i];
        }
        if (total > limit) {
            throw new ElectionException("ballot: " + total + " selections exceed the limit " + limit);
        }
        List<EncryptedSelection> selections = new ArrayList<>(choices.length);
        Scalar nonceSum = Scalar.ZERO;
        for (int i = 0; i < choices.length; i++) {
            Scalar r = Scalar.random(rng);
            ElGamalCiphertext ct = ElGamalCiphertext.encrypt(publicKey, choices[i], r);
            selections.add(new EncryptedSelection(ct,
                    RangeProof.prove(publicKey, ct, choices[i], r, 1, context.selection(i), rng)));
            nonceSum = nonceSum.add(r);
        }
        ElGamalCiphertext sum = ElGamalCiphertext.sum(selections.stream().map(EncryptedSelection::ciphertext).toList());
        RangeProof limitProof = RangeProof.prove(publicKey, sum, total, nonceSum, limit,
                context.limit(choices.length), rng);
        return new EncryptedBallot(selections, limitProof);
    }
}
