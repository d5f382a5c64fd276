package dev.drey.crypto.bls;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A trusted dealer of t-of-n threshold BLS keys, for tests, benchmarks and simulations only: production keys
 * come from the DKG, where no one ever holds the group secret. Shamir shares s_i = f(i) of a random
 * polynomial of degree t − 1, group key f(0)·g2, verification shares s_i·g1.
 */
public final class BlsDealer {
    private BlsDealer() {
    }

    public record Dealt(BlsGroupKey groupKey, List<BlsKeyShare> shares) {
    }

    public static Dealt deal(int t, int n, SecureRandom rng) {
        if (t < 1 || n < t) {
            throw new BlsException("dealer: need 1 <= t <= n");
        }
        BigInteger[] f = new BigInteger[t];
        for (int k = 0; k < t; k++) {
            f[k] = Bls12381.randomScalar(rng);
        }
        List<BlsKeyShare> shares = new ArrayList<>(n);
        Map<Integer, G1Point> verification = new TreeMap<>();
        for (int i = 1; i <= n; i++) {
            BigInteger x = BigInteger.valueOf(i);
            BigInteger s = BigInteger.ZERO;
            for (int k = t - 1; k >= 0; k--) {
                s = s.multiply(x).add(f[k]).mod(Bls12381.ORDER);
            }
            if (s.signum() == 0) {
                return deal(t, n, rng); // a zero share (probability ~n/r) would be refused: deal again
            }
            BlsKeyShare share = new BlsKeyShare(i, s);
            shares.add(share);
            verification.put(i, share.verificationShare());
        }
        return new Dealt(new BlsGroupKey(t, G2Point.generator().mulSecret(f[0]), verification), shares);
    }
}
