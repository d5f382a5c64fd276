package dev.drey.crypto.frost;

import dev.drey.crypto.Scalar;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Repairable threshold scheme (Laing and Stinson, as in frost-core): a set of at least t helpers
 * rebuilds participant r's lost share s_r = Σ_i λ_i(r)·s_i without any helper revealing its own.
 * Each helper splits λ_i(r)·s_i into random additive pieces, one per helper (step 1); each helper
 * sums the pieces it receives (step 2); r sums those sums (step 3) and checks the result against
 * its public verifying share.
 */
public final class Repair {
    private Repair() {
    }

    /**
     * Step 1 for helper {@code key}: additive pieces of λ_i(r)·s_i, one for each helper (including
     * itself), to be sent privately.
     */
    public static Map<Identifier, Scalar> step1(List<Identifier> helpers, KeyPackage key, Identifier participant,
            SecureRandom rng) {
        if (helpers.size() < key.minSigners()) {
            throw new FrostException(FrostException.Fault.INVALID_PARAMETER,
                    "repair needs at least " + key.minSigners() + " helpers, got " + helpers.size());
        }
        if (helpers.contains(participant)) {
            throw new FrostException(FrostException.Fault.INVALID_PARAMETER,
                    "the participant being repaired cannot help", List.of(participant));
        }
        Scalar delta = Lagrange.at(helpers, key.identifier(), participant.value()).mul(key.signingShare());
        Map<Identifier, Scalar> out = new LinkedHashMap<>();
        Scalar sum = Scalar.ZERO;
        for (int k = 0; k < helpers.size() - 1; k++) {
            Scalar piece = Scalar.random(rng);
            out.put(helpers.get(k), piece);
            sum = sum.add(piece);
        }
        out.put(helpers.get(helpers.size() - 1), delta.sub(sum));
        return out;
    }

    /** Step 2 for a helper: the sum of the pieces it received (one from every helper). */
    public static Scalar step2(Collection<Scalar> pieces) {
        Scalar s = Scalar.ZERO;
        for (Scalar p : pieces) {
            s = s.add(p);
        }
        return s;
    }

    /** Step 3 for the participant: its share, checked against the group's public data. */
    public static KeyPackage step3(Identifier participant, Collection<Scalar> sums, PublicKeyPackage pub) {
        if (sums.size() < pub.minSigners()) {
            throw new FrostException(FrostException.Fault.MISSING_INPUT,
                    "repair needs a sum from each of at least " + pub.minSigners() + " helpers");
        }
        pub.verifyingShare(participant); // refuses a participant outside the group
        Scalar s = step2(new ArrayList<>(sums));
        if (s.isZero()) {
            throw new FrostException(FrostException.Fault.INVALID_SECRET_SHARE,
                    "repaired share is zero: a helper sent a wrong value");
        }
        try {
            return KeyPackage.of(participant, s, pub);
        } catch (FrostException e) {
            // A wrong piece from any helper lands here; the scheme itself cannot say which helper lied.
            throw new FrostException(FrostException.Fault.INVALID_SECRET_SHARE,
                    "repaired share does not match the participant's verifying share: a helper sent a wrong value");
        }
    }
}
