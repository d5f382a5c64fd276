package dev.drey.crypto.pairing;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Lagrange coefficients at zero over the scalar field Z_r, for recombining t shares. */
public final class Lagrange {
    private Lagrange() {
    }

    /** λ_i(0) for each index in {@code indices} (distinct, 1..r-1), in the same order. */
    public static BigInteger[] atZero(List<Integer> indices, BigInteger r) {
        Set<Integer> seen = new HashSet<>();
        for (int i : indices) {
            if (i < 1) {
                throw new PairingException("share index " + i + ": indices start at 1");
            }
            if (!seen.add(i)) {
                throw new PairingException("share index " + i + " appears twice");
            }
        }
        BigInteger[] out = new BigInteger[indices.size()];
        for (int a = 0; a < indices.size(); a++) {
            BigInteger xi = BigInteger.valueOf(indices.get(a));
            BigInteger num = BigInteger.ONE;
            BigInteger den = BigInteger.ONE;
            for (int b = 0; b < indices.size(); b++) {
                if (a != b) {
                    BigInteger xj = BigInteger.valueOf(indices.get(b));
                    num = num.multiply(xj).mod(r);
                    den = den.multiply(xj.subtract(xi)).mod(r);
                }
            }
            out[a] = num.multiply(den.modInverse(r)).mod(r);
        }
        return out;
    }
}
