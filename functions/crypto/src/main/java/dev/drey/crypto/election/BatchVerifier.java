package dev.drey.crypto.election;

import dev.drey.crypto.Point;
import dev.drey.crypto.Scalar;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies many ballots at once: the Fiat–Shamir sums one by one (cheap hashes), then every group equation of
 * every proof folded into one random linear combination checked by a single multi-scalar multiplication. A
 * bad equation survives the combination with probability about 2^-128 over the verifier's random weights.
 * When the combination fails, the ballots are checked one by one to name the first bad one.
 */
public final class BatchVerifier {
    /** Bits of each random weight: 128 gives 2^-128 soundness and halves the MSM work against full scalars. */
    private static final int WEIGHT_BITS = 128;

    private BatchVerifier() {
    }

    public static BatchCheck verify(Point publicKey, List<BallotStatement> ballots, SecureRandom rng) {
        ElGamalCiphertext.requireKey(publicKey);
        int firstCheapFailure = -1;
        BallotCheck cheapFailure = null;
        Accumulator acc = new Accumulator(rng);
        List<Integer> accumulated = new ArrayList<>(ballots.size());
        for (int i = 0; i < ballots.size(); i++) {
            BallotStatement s = ballots.get(i);
            BallotCheck c = BallotVerifier.cheapChecks(publicKey, s);
            if (!c.valid()) {
                firstCheapFailure = i;
                cheapFailure = c;
                break; // nothing after the first failure can be the first bad ballot
            }
            for (EncryptedSelection e : s.ballot().selections()) {
                e.proof().addTo(acc, publicKey, e.ciphertext());
            }
            s.ballot().limitProof().addTo(acc, publicKey, s.ballot().total());
            accumulated.add(i);
        }
        if (acc.holds(publicKey)) {
            return firstCheapFailure < 0 ? BatchCheck.OK : new BatchCheck(false, firstCheapFailure, cheapFailure);
        }
        for (int i : accumulated) {
            BallotCheck c = BallotVerifier.verify(publicKey, ballots.get(i));
            if (!c.valid()) {
                return new BatchCheck(false, i, c);
            }
        }
        // The combination failed but no ballot does alone: only possible if the weights were not random.
        throw new ElectionException("batch verification: the combined check failed but every ballot verifies alone");
    }

    /** Σ coefficient·point of the equations folded so far, with G's and K's coefficients kept apart. */
    static final class Accumulator {
        private final SecureRandom rng;
        private final List<Point> points = new ArrayList<>();
        private final List<Scalar> scalars = new ArrayList<>();
        private Scalar g = Scalar.ZERO;
        private Scalar k = Scalar.ZERO;

        Accumulator(SecureRandom rng) {
            this.rng = rng;
        }

        /** A fresh non-zero random weight of {@value #WEIGHT_BITS} bits. */
        Scalar weight() {
            while (true) {
                BigInteger w = new BigInteger(WEIGHT_BITS, rng);
                if (w.signum() != 0) {
                    return Scalar.of(w);
                }
            }
        }

        void add(Point p, Scalar s) {
            points.add(p);
            scalars.add(s);
        }

        void addG(Scalar s) {
            g = g.add(s);
        }

        void addK(Scalar s) {
            k = k.add(s);
        }

        boolean holds(Point publicKey) {
            List<Point> ps = new ArrayList<>(points);
            List<Scalar> ss = new ArrayList<>(scalars);
            ps.add(Point.G);
            ss.add(g);
            ps.add(publicKey);
            ss.add(k);
            return Point.sumOfProducts(ps, ss).isInfinity();
        }
    }
}
