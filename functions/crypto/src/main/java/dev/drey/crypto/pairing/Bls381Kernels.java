package dev.drey.crypto.pairing;

import org.apache.milagro.amcl.BLS381.ECP;
import org.apache.milagro.amcl.BLS381.ECP2;

/**
 * The public door to this package's fast BLS12-381 arithmetic for {@code dev.drey.crypto.bls}: the G1
 * membership test by the endomorphism ({@link Bls381Subgroup}) and the pairing-product check with fixed,
 * precomputed G2 arguments ({@link Bls381FixedPairing}). The classes behind it stay package-private.
 */
public final class Bls381Kernels {
    private Bls381Kernels() {
    }

    /** Whether p (a point of E(Fp)) lies in G1; the identity does. */
    public static boolean inG1(ECP p) {
        return Bls381Subgroup.contains(p);
    }

    /** A G2 point (of order r) whose Miller-loop lines are computed once, for many pairings against it. */
    public static final class FixedG2 {
        private final Bls381FixedPairing lines;

        public FixedG2(ECP2 q) {
            if (q.is_infinity()) {
                throw new PairingException("fixed G2 point: the identity");
            }
            this.lines = new Bls381FixedPairing(q);
        }
    }

    /** e(q1, p1)·e(q2, p2) = 1, for G1 points p1, p2 other than the identity, with one final exponentiation. */
    public static boolean productIsOne(FixedG2 q1, ECP p1, FixedG2 q2, ECP p2) {
        if (p1.is_infinity() || p2.is_infinity()) {
            throw new PairingException("pairing check: a G1 argument is the identity");
        }
        return Bls381FixedPairing.productIsOne(q1.lines, Bls381G1.affine(p1), q2.lines, Bls381G1.affine(p2));
    }
}
