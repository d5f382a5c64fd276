package dev.drey.crypto.pairing;

import java.math.BigInteger;
import org.apache.milagro.amcl.BLS381.FP2;

/**
 * GF(p²) = GF(p)[i]/(i² + 1) of BLS12-381, AMCL's FP2, for the verifier's pairing: an element is two
 * {@link Bls381Fp} elements (c0 + c1·i, 14 longs) at an offset. An instance holds the scratch space of
 * its multiplications (nothing is allocated per operation), so it serves one thread. All operations
 * allow the result to overlap an operand exactly.
 */
final class Bls381Fp2 {
    static final int SIZE = 2 * Bls381Fp.LIMBS;
    private static final int F = Bls381Fp.LIMBS;

    private static final int W = 2 * F;

    private final long[] t = new long[4 * F];
    private final long[] w = new long[3 * W];

    /**
     * r = a·b: Karatsuba with lazy reduction, three double-width products and two Montgomery reductions
     * (instead of three of each): c0 = redc(a0b0 − a1b1 + p·2^381), c1 = redc((a0 + a1)(b0 + b1) − a0b0 − a1b1).
     */
    void mul(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        Bls381Fp.addNoReduce(t, 0, a, ao, a, ao + F);
        Bls381Fp.addNoReduce(t, F, b, bo, b, bo + F);
        Bls381Fp.mulWide(w, 2 * W, t, 0, t, F);
        Bls381Fp.mulWide(w, 0, a, ao, b, bo);
        Bls381Fp.mulWide(w, W, a, ao + F, b, bo + F);
        Bls381Fp.subWide(w, 2 * W, w, 2 * W, w, 0);
        Bls381Fp.subWide(w, 2 * W, w, 2 * W, w, W);
        Bls381Fp.redc(r, ro + F, w, 2 * W);
        Bls381Fp.subWide(w, 0, w, 0, w, W);
        Bls381Fp.addShiftedModulus(w, 0, w, 0);
        Bls381Fp.redc(r, ro, w, 0);
    }

    /** r = a²: (c0 + c1)(c0 − c1) + 2·c0·c1·i. */
    void sqr(long[] r, int ro, long[] a, int ao) {
        Bls381Fp.add(t, 0, a, ao, a, ao + F);
        Bls381Fp.sub(t, F, a, ao, a, ao + F);
        Bls381Fp.mul(t, 2 * F, a, ao, a, ao + F);
        Bls381Fp.mul(r, ro, t, 0, t, F);
        Bls381Fp.add(r, ro + F, t, 2 * F, t, 2 * F);
    }

    /** r = a·x, x in GF(p). */
    static void mulFp(long[] r, int ro, long[] a, int ao, long[] x, int xo) {
        Bls381Fp.mul(r, ro, a, ao, x, xo);
        Bls381Fp.mul(r, ro + F, a, ao + F, x, xo);
    }

    /** r = a·ξ with ξ = 1 + i, the non-residue of the next extension (AMCL's mul_ip). */
    void mulXi(long[] r, int ro, long[] a, int ao) {
        Bls381Fp.sub(t, 0, a, ao, a, ao + F);
        Bls381Fp.add(r, ro + F, a, ao, a, ao + F);
        Bls381Fp.copy(r, ro, t, 0);
    }

    /** r = a^-1 = conj(a)/(c0² + c1²); 0 for 0. */
    void inverse(long[] r, int ro, long[] a, int ao) {
        Bls381Fp.sqr(t, 0, a, ao);
        Bls381Fp.sqr(t, F, a, ao + F);
        Bls381Fp.add(t, 0, t, 0, t, F);
        Bls381Fp.inverse(t, 0, t, 0);
        Bls381Fp.mul(r, ro, a, ao, t, 0);
        Bls381Fp.mul(r, ro + F, a, ao + F, t, 0);
        Bls381Fp.neg(r, ro + F, r, ro + F);
    }

    static void add(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        Bls381Fp.add(r, ro, a, ao, b, bo);
        Bls381Fp.add(r, ro + F, a, ao + F, b, bo + F);
    }

    static void sub(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        Bls381Fp.sub(r, ro, a, ao, b, bo);
        Bls381Fp.sub(r, ro + F, a, ao + F, b, bo + F);
    }

    static void neg(long[] r, int ro, long[] a, int ao) {
        Bls381Fp.neg(r, ro, a, ao);
        Bls381Fp.neg(r, ro + F, a, ao + F);
    }

    /** r = c0 − c1·i, the Frobenius map of GF(p²). */
    static void conj(long[] r, int ro, long[] a, int ao) {
        Bls381Fp.copy(r, ro, a, ao);
        Bls381Fp.neg(r, ro + F, a, ao + F);
    }

    static void copy(long[] r, int ro, long[] a, int ao) {
        System.arraycopy(a, ao, r, ro, SIZE);
    }

    /** r = c0 + c1·i from integers. */
    static void set(long[] r, int ro, BigInteger c0, BigInteger c1) {
        Bls381Fp.set(r, ro, c0);
        Bls381Fp.set(r, ro + F, c1);
    }

    /** r = AMCL's x. */
    static void set(long[] r, int ro, FP2 x) {
        set(r, ro, Bls381Curve.toBigInteger(x.getA()), Bls381Curve.toBigInteger(x.getB()));
    }

    /** AMCL's FP2 of a. */
    static FP2 toAmcl(long[] a, int ao) {
        return new FP2(Bls381Curve.big(Bls381Fp.value(a, ao)), Bls381Curve.big(Bls381Fp.value(a, ao + F)));
    }
}
