package dev.drey.crypto.pairing;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Lagrange coefficients at zero over the scalar field Z_r, for recombining t shares. */
public final class Lagrange {
    /** Products of small factors are gathered in a long while they stay below this, then folded into Z_r. */
    private static final long FOLD = 1L << 31;

    private Lagrange() {
    }

    /**
     * λ_i(0) = Π_{j≠i} x_j / (x_j − x_i) for each index in {@code indices} (distinct, 1..r-1), in the same
     * order, as N / d_i with N = Π x_j and d_i = x_i·Π_{j≠i} (x_j − x_i): the t denominators are inverted
     * together by one batch inversion (Montgomery's trick: one modular inverse and 3(t − 1) products), and
     * their t² small integer factors are multiplied in machine words before each reduction mod r.
     */
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
        int t = indices.size();
        BigInteger numerator = BigInteger.ONE;
        for (int i : indices) {
            numerator = numerator.multiply(BigInteger.valueOf(i)).mod(r);
        }
        BigInteger[] den = new BigInteger[t];
        for (int a = 0; a < t; a++) {
            long xi = indices.get(a);
            BigInteger d = BigInteger.valueOf(xi);
            long word = 1;
            boolean negative = false;
            for (int b = 0; b < t; b++) {
                if (a == b) {
                    continue;
                }
                long f = indices.get(b) - xi;
                if (f < 0) {
                    negative = !negative;
                    f = -f;
                }
                if (word >= FOLD || f >= FOLD) {
                    d = d.multiply(BigInteger.valueOf(word)).mod(r);
                    word = 1;
                }
                word *= f; // both below 2^31: no overflow
            }
            d = d.multiply(BigInteger.valueOf(word)).mod(r);
            den[a] = negative ? r.subtract(d).mod(r) : d;
        }
        BigInteger[] inv = batchInverse(den, r);
        BigInteger[] out = new BigInteger[t];
        for (int a = 0; a < t; a++) {
            out[a] = numerator.multiply(inv[a]).mod(r);
        }
        return out;
    }

    /** The inverses mod r of non-zero values, with one modular inversion (Montgomery's trick). */
    public static BigInteger[] batchInverse(BigInteger[] values, BigInteger r) {
        int n = values.length;
        BigInteger[] prefix = new BigInteger[n];
        BigInteger acc = BigInteger.ONE;
        for (int i = 0; i < n; i++) {
            if (values[i].mod(r).signum() == 0) {
                throw new PairingException("batch inversion: a value is zero mod r");
            }
            prefix[i] = acc;
            acc = acc.multiply(values[i]).mod(r);
        }
        BigInteger inv = acc.modInverse(r);
        BigInteger[] out = new BigInteger[n];
        for (int i = n - 1; i >= 0; i--) {
            out[i] = inv.multiply(prefix[i]).mod(r);
            inv = inv.multiply(values[i]).mod(r);
        }
        return out;
    }
}
