package dev.drey.crypto.pairing;

import java.math.BigInteger;
import org.apache.milagro.amcl.BLS381.BIG;
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

    /**
     * Σ k_i·P_i over G1 for public points and scalars (aggregation of partial signatures) by Pippenger's
     * bucket method on {@link Bls381G1}'s allocation-free Jacobian arithmetic: windows of c bits, each
     * point added once per window into the bucket of its digit (mixed addition), the buckets summed by
     * running sums. Scalars are taken mod r; identity points are skipped. Public data only (it branches).
     */
    public static ECP g1MultiScalarMul(ECP[] points, BigInteger[] scalars) {
        if (points.length != scalars.length) {
            throw new PairingException("multi-scalar multiplication: as many scalars as points");
        }
        BigInteger r = Bls381Curve.toBigInteger(new BIG(org.apache.milagro.amcl.BLS381.ROM.CURVE_Order));
        int n = points.length;
        long[] affine = new long[Math.max(1, n) * Bls381G1.AFFINE];
        BigInteger[] k = new BigInteger[n];
        boolean[] use = new boolean[n];
        int bits = 0;
        for (int i = 0; i < n; i++) {
            k[i] = scalars[i].mod(r);
            use[i] = !points[i].is_infinity() && k[i].signum() != 0;
            if (use[i]) {
                System.arraycopy(Bls381G1.affine(points[i]), 0, affine, i * Bls381G1.AFFINE, Bls381G1.AFFINE);
                bits = Math.max(bits, k[i].bitLength());
            }
        }
        int c = n < 8 ? 2 : Math.max(2, 31 - Integer.numberOfLeadingZeros(n) - 1);
        int buckets = (1 << c) - 1;
        Bls381G1 g = new Bls381G1();
        long[] bucket = new long[buckets * Bls381G1.SIZE];
        long[] acc = new long[Bls381G1.SIZE];
        long[] sum = new long[Bls381G1.SIZE];
        long[] total = new long[Bls381G1.SIZE];
        Bls381G1.setIdentity(acc, 0);
        int windows = (bits + c - 1) / c;
        for (int w = windows - 1; w >= 0; w--) {
            for (int d = 0; d < c; d++) {
                g.dbl(acc, 0, acc, 0);
            }
            for (int b = 0; b < buckets; b++) {
                Bls381G1.setIdentity(bucket, b * Bls381G1.SIZE);
            }
            for (int i = 0; i < n; i++) {
                if (!use[i]) {
                    continue;
                }
                int digit = digit(k[i], w * c, c);
                if (digit != 0) {
                    int at = (digit - 1) * Bls381G1.SIZE;
                    g.addAffine(bucket, at, bucket, at, affine, i * Bls381G1.AFFINE);
                }
            }
            Bls381G1.setIdentity(sum, 0);
            Bls381G1.setIdentity(total, 0);
            for (int b = buckets - 1; b >= 0; b--) {
                g.add(sum, 0, sum, 0, bucket, b * Bls381G1.SIZE);
                g.add(total, 0, total, 0, sum, 0);
            }
            g.add(acc, 0, acc, 0, total, 0);
        }
        if (Bls381G1.isIdentity(acc, 0)) {
            return new ECP();
        }
        long[] a = new long[Bls381G1.AFFINE];
        Bls381G1.toAffine(a, 0, acc, 0);
        return new ECP(Bls381Curve.big(Bls381Fp.value(a, 0)), Bls381Curve.big(Bls381Fp.value(a, Bls381Fp.LIMBS)));
    }

    private static int digit(BigInteger k, int from, int c) {
        int d = 0;
        for (int j = c - 1; j >= 0; j--) {
            d = (d << 1) | (k.testBit(from + j) ? 1 : 0);
        }
        return d;
    }
}
