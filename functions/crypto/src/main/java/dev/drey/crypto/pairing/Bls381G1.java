package dev.drey.crypto.pairing;

import java.math.BigInteger;
import org.apache.milagro.amcl.BLS381.BIG;
import org.apache.milagro.amcl.BLS381.ECP;
import org.apache.milagro.amcl.BLS381.ROM;

/**
 * G1 arithmetic of BLS12-381 (y² = x³ + 4 over GF(p)) on {@link Bls381Fp}, for the verifier's public
 * points only (client messages, identity hashes, the challenge): Jacobian points (X, Y, Z) of 21
 * longs at an offset, x = X/Z², y = Y/Z³, Z = 0 the identity; affine points (x, y) of 14 longs. The
 * special cases of the addition formulas branch on the values, which is fine for public data and
 * nothing else. An instance holds its scratch space and serves one thread.
 */
final class Bls381G1 {
    private static final int F = Bls381Fp.LIMBS;
    static final int SIZE = 3 * F;
    static final int AFFINE = 2 * F;
    /** |u| of BLS12-381 (u < 0; {@link Bls381Subgroup} checks it against AMCL's CURVE_Bnx). */
    static final long ABS_U = 0xd201000000010000L;
    private static final BigInteger U_SQUARED = BigInteger.valueOf(ABS_U >>> 1).shiftLeft(1).pow(2);
    private static final BigInteger ORDER = Bls381Curve.toBigInteger(new BIG(ROM.CURVE_Order));
    /** AMCL's cube root of unity CURVE_Cru: φ(x, y) = (βx, y) acts on G1 as multiplication by −u². */
    private static final long[] BETA = new long[F];
    private static final long[] ONE = new long[F];

    static {
        Bls381Fp.set(BETA, 0, Bls381Curve.toBigInteger(new BIG(ROM.CURVE_Cru)));
        Bls381Fp.set(ONE, 0, BigInteger.ONE);
    }

    private final long[] t = new long[12 * F];

    /** The affine coordinates of AMCL's point p (not the identity). */
    static long[] affine(ECP p) {
        long[] a = new long[AFFINE];
        Bls381Fp.set(a, 0, Bls381Curve.toBigInteger(p.getX()));
        Bls381Fp.set(a, F, Bls381Curve.toBigInteger(p.getY()));
        return a;
    }

    /**
     * Whether affine p is in G1 (Scott 2021): φ(P) = −u²·P, u² computed as |u|·(|u|·P), two 64-bit
     * double-and-add chains over the six set bits of |u|; the reference test is r·P = O.
     */
    boolean contains(long[] p) {
        long[] a = new long[SIZE];
        setIdentity(a);
        for (int i = 63; i >= 0; i--) { // a = |u|·P
            dbl(a, 0, a, 0);
            if (((ABS_U >>> i) & 1) != 0) {
                addAffine(a, 0, a, 0, p, 0);
            }
        }
        long[] b = new long[SIZE];
        setIdentity(b);
        for (int i = 63; i >= 0; i--) { // b = u²·P
            dbl(b, 0, b, 0);
            if (((ABS_U >>> i) & 1) != 0) {
                add(b, 0, b, 0, a, 0);
            }
        }
        long[] minusPhi = new long[AFFINE]; // −φ(P) = (βx, −y)
        Bls381Fp.mul(minusPhi, 0, p, 0, BETA, 0);
        Bls381Fp.neg(minusPhi, F, p, F);
        return equalsAffine(b, minusPhi);
    }

    /**
     * k·P for affine P in G1 (any k ≥ 0, taken mod r): with k = k0 + k1·u² (k0 < u², k1 < 2^127) and
     * u²·P = −φ(P), k·P = k0·P + k1·(−φ(P)), one 128-bit joint double-and-add instead of 255 bits.
     */
    long[] mul(long[] p, BigInteger k) {
        BigInteger[] qr = k.mod(ORDER).divideAndRemainder(U_SQUARED);
        BigInteger k1 = qr[0];
        BigInteger k0 = qr[1];
        long[] table = new long[4 * AFFINE]; // 0, P, −φ(P), P − φ(P)
        boolean[] present = {false, true, true, false};
        Bls381Fp2.copy(table, AFFINE, p, 0);
        Bls381Fp.mul(table, 2 * AFFINE, p, 0, BETA, 0);
        Bls381Fp.neg(table, 2 * AFFINE + F, p, F);
        long[] s = new long[SIZE];
        setIdentity(s);
        addAffine(s, 0, s, 0, table, AFFINE);
        addAffine(s, 0, s, 0, table, 2 * AFFINE);
        if (!isIdentity(s, 0)) {
            toAffine(table, 3 * AFFINE, s, 0);
            present[3] = true;
        }
        long[] acc = new long[SIZE];
        setIdentity(acc);
        for (int i = Math.max(k0.bitLength(), k1.bitLength()) - 1; i >= 0; i--) {
            dbl(acc, 0, acc, 0);
            int sel = (k0.testBit(i) ? 1 : 0) | (k1.testBit(i) ? 2 : 0);
            if (present[sel]) {
                addAffine(acc, 0, acc, 0, table, sel * AFFINE);
            }
        }
        return acc;
    }

    /** r = 2p (dbl-2009-l for a = 0: 2M + 5S). */
    void dbl(long[] r, int ro, long[] p, int po) {
        int a = 0;
        int b = F;
        int c = 2 * F;
        int d = 3 * F;
        int e = 4 * F;
        int z = 5 * F;
        Bls381Fp.mul(t, z, p, po + F, p, po + 2 * F);
        Bls381Fp.add(t, z, t, z, t, z); // Z3 = 2·Y·Z
        Bls381Fp.sqr(t, a, p, po); // A = X²
        Bls381Fp.sqr(t, b, p, po + F); // B = Y²
        Bls381Fp.sqr(t, c, t, b); // C = B²
        Bls381Fp.add(t, d, p, po, t, b);
        Bls381Fp.sqr(t, d, t, d);
        Bls381Fp.sub(t, d, t, d, t, a);
        Bls381Fp.sub(t, d, t, d, t, c);
        Bls381Fp.add(t, d, t, d, t, d); // D = 2((X + B)² − A − C)
        Bls381Fp.add(t, e, t, a, t, a);
        Bls381Fp.add(t, e, t, e, t, a); // E = 3A
        Bls381Fp.sqr(t, b, t, e); // F = E²
        Bls381Fp.sub(t, b, t, b, t, d);
        Bls381Fp.sub(r, ro, t, b, t, d); // X3 = F − 2D
        Bls381Fp.sub(t, d, t, d, r, ro);
        Bls381Fp.mul(t, d, t, d, t, e);
        Bls381Fp.add(t, c, t, c, t, c);
        Bls381Fp.add(t, c, t, c, t, c);
        Bls381Fp.add(t, c, t, c, t, c);
        Bls381Fp.sub(r, ro + F, t, d, t, c); // Y3 = E(D − X3) − 8C
        Bls381Fp.copy(r, ro + 2 * F, t, z);
    }

    /** r = p + q, q affine (madd-2007-bl: 7M + 4S; the special cases by branches). */
    void addAffine(long[] r, int ro, long[] p, int po, long[] q, int qo) {
        if (isIdentity(p, po)) {
            Bls381Fp2.copy(r, ro, q, qo);
            Bls381Fp.copy(r, ro + 2 * F, ONE, 0);
            return;
        }
        int z1z1 = 0;
        int u2 = F;
        int s2 = 2 * F;
        int h = 3 * F;
        int hh = 4 * F;
        int rr = 5 * F;
        int j = 6 * F;
        int v = 7 * F;
        int w = 8 * F;
        Bls381Fp.sqr(t, z1z1, p, po + 2 * F);
        Bls381Fp.mul(t, u2, q, qo, t, z1z1);
        Bls381Fp.mul(t, s2, q, qo + F, p, po + 2 * F);
        Bls381Fp.mul(t, s2, t, s2, t, z1z1);
        Bls381Fp.sub(t, h, t, u2, p, po); // H = U2 − X1
        Bls381Fp.sub(t, rr, t, s2, p, po + F);
        Bls381Fp.add(t, rr, t, rr, t, rr); // r = 2(S2 − Y1)
        if (Bls381Fp.isZero(t, h)) {
            if (Bls381Fp.isZero(t, rr)) {
                dbl(r, ro, p, po);
            } else {
                setIdentity(r, ro);
            }
            return;
        }
        Bls381Fp.sqr(t, hh, t, h);
        Bls381Fp.add(t, w, t, hh, t, hh);
        Bls381Fp.add(t, w, t, w, t, w); // I = 4HH
        Bls381Fp.mul(t, j, t, h, t, w); // J = H·I
        Bls381Fp.mul(t, v, p, po, t, w); // V = X1·I
        // Z3 = (Z1 + H)² − Z1Z1 − HH
        Bls381Fp.add(t, w, p, po + 2 * F, t, h);
        Bls381Fp.sqr(t, w, t, w);
        Bls381Fp.sub(t, w, t, w, t, z1z1);
        Bls381Fp.sub(r, ro + 2 * F, t, w, t, hh);
        Bls381Fp.mul(t, z1z1, p, po + F, t, j); // Y1·J, where Z1Z1 was
        finishAddition(r, ro, t, rr, j, z1z1, v);
    }

    /** r = p + q, both Jacobian (add-2007-bl: 11M + 5S; the special cases by branches). */
    void add(long[] r, int ro, long[] p, int po, long[] q, int qo) {
        if (isIdentity(p, po)) {
            System.arraycopy(q, qo, r, ro, SIZE);
            return;
        }
        if (isIdentity(q, qo)) {
            System.arraycopy(p, po, r, ro, SIZE);
            return;
        }
        int z1z1 = 0;
        int z2z2 = F;
        int u1 = 2 * F;
        int u2 = 3 * F;
        int s1 = 4 * F;
        int s2 = 5 * F;
        int h = 6 * F;
        int i = 7 * F;
        int j = 8 * F;
        int rr = 9 * F;
        int v = 10 * F;
        int w = 11 * F;
        Bls381Fp.sqr(t, z1z1, p, po + 2 * F);
        Bls381Fp.sqr(t, z2z2, q, qo + 2 * F);
        Bls381Fp.mul(t, u1, p, po, t, z2z2);
        Bls381Fp.mul(t, u2, q, qo, t, z1z1);
        Bls381Fp.mul(t, s1, p, po + F, q, qo + 2 * F);
        Bls381Fp.mul(t, s1, t, s1, t, z2z2);
        Bls381Fp.mul(t, s2, q, qo + F, p, po + 2 * F);
        Bls381Fp.mul(t, s2, t, s2, t, z1z1);
        Bls381Fp.sub(t, h, t, u2, t, u1);
        Bls381Fp.sub(t, rr, t, s2, t, s1);
        Bls381Fp.add(t, rr, t, rr, t, rr);
        if (Bls381Fp.isZero(t, h)) {
            if (Bls381Fp.isZero(t, rr)) {
                dbl(r, ro, p, po);
            } else {
                setIdentity(r, ro);
            }
            return;
        }
        Bls381Fp.add(t, i, t, h, t, h);
        Bls381Fp.sqr(t, i, t, i); // I = (2H)²
        Bls381Fp.mul(t, j, t, h, t, i); // J = H·I
        Bls381Fp.mul(t, v, t, u1, t, i); // V = U1·I
        // Z3 = ((Z1 + Z2)² − Z1Z1 − Z2Z2)·H
        Bls381Fp.add(t, w, p, po + 2 * F, q, qo + 2 * F);
        Bls381Fp.sqr(t, w, t, w);
        Bls381Fp.sub(t, w, t, w, t, z1z1);
        Bls381Fp.sub(t, w, t, w, t, z2z2);
        Bls381Fp.mul(r, ro + 2 * F, t, w, t, h);
        Bls381Fp.mul(t, z1z1, t, s1, t, j); // S1·J, where Z1Z1 was
        finishAddition(r, ro, t, rr, j, z1z1, v);
    }

    /** X3 = r² − J − 2V, Y3 = r(V − X3) − 2·yJ, with yJ (Y1·J or S1·J) already at {@code yj}. */
    private static void finishAddition(long[] r, int ro, long[] t, int rr, int j, int yj, int v) {
        int x3 = 11 * F; // free in both callers by now
        Bls381Fp.sqr(t, x3, t, rr);
        Bls381Fp.sub(t, x3, t, x3, t, j);
        Bls381Fp.sub(t, x3, t, x3, t, v);
        Bls381Fp.sub(t, x3, t, x3, t, v);
        Bls381Fp.sub(t, v, t, v, t, x3);
        Bls381Fp.mul(t, v, t, v, t, rr);
        Bls381Fp.add(t, yj, t, yj, t, yj);
        Bls381Fp.sub(r, ro + F, t, v, t, yj);
        Bls381Fp.copy(r, ro, t, x3);
    }

    static boolean isIdentity(long[] p, int po) {
        return Bls381Fp.isZero(p, po + 2 * F);
    }

    private static void setIdentity(long[] r) {
        setIdentity(r, 0);
    }

    static void setIdentity(long[] r, int ro) {
        Bls381Fp.copy(r, ro, ONE, 0);
        Bls381Fp.copy(r, ro + F, ONE, 0);
        java.util.Arrays.fill(r, ro + 2 * F, ro + 3 * F, 0L);
    }

    /** Whether Jacobian p equals affine q: X = x·Z², Y = y·Z³. */
    private boolean equalsAffine(long[] p, long[] q) {
        if (isIdentity(p, 0)) {
            return false;
        }
        Bls381Fp.sqr(t, 0, p, 2 * F);
        Bls381Fp.mul(t, F, q, 0, t, 0);
        Bls381Fp.mul(t, 0, t, 0, p, 2 * F);
        Bls381Fp.mul(t, 2 * F, q, F, t, 0);
        return java.util.Arrays.equals(t, F, 2 * F, p, 0, F) && java.util.Arrays.equals(t, 2 * F, 3 * F, p, F, 2 * F);
    }

    /** r = the affine coordinates of Jacobian p (not the identity); the inverse by BigInteger, p is public. */
    static void toAffine(long[] r, int ro, long[] p, int po) {
        BigInteger z = Bls381Fp.value(p, po + 2 * F);
        BigInteger zi = z.modInverse(Bls381Fp.MODULUS);
        long[] c = new long[2 * F];
        Bls381Fp.set(c, 0, zi.multiply(zi).mod(Bls381Fp.MODULUS));
        Bls381Fp.set(c, F, zi.pow(3).mod(Bls381Fp.MODULUS));
        Bls381Fp.mul(r, ro, p, po, c, 0);
        Bls381Fp.mul(r, ro + F, p, po + F, c, F);
    }
}
