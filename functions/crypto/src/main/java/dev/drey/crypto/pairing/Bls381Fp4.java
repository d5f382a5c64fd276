package dev.drey.crypto.pairing;

/**
 * GF(p⁴) = GF(p²)[j]/(j² − ξ), ξ = 1 + i, of BLS12-381, AMCL's FP4: an element is two {@link Bls381Fp2}
 * elements (a + b·j, 28 longs) at an offset. An instance holds its scratch space and serves one
 * thread; the result may overlap an operand exactly.
 */
final class Bls381Fp4 {
    static final int SIZE = 2 * Bls381Fp2.SIZE;
    private static final int E = Bls381Fp2.SIZE;

    final Bls381Fp2 fp2 = new Bls381Fp2();
    private final long[] t = new long[4 * E];

    /** r = x·y: Karatsuba, three multiplications in GF(p²). */
    void mul(long[] r, int ro, long[] x, int xo, long[] y, int yo) {
        fp2.mul(t, 0, x, xo, y, yo);
        fp2.mul(t, E, x, xo + E, y, yo + E);
        Bls381Fp2.add(t, 2 * E, x, xo, x, xo + E);
        Bls381Fp2.add(t, 3 * E, y, yo, y, yo + E);
        fp2.mul(t, 2 * E, t, 2 * E, t, 3 * E);
        Bls381Fp2.sub(t, 2 * E, t, 2 * E, t, 0);
        Bls381Fp2.sub(r, ro + E, t, 2 * E, t, E);
        fp2.mulXi(t, E, t, E);
        Bls381Fp2.add(r, ro, t, 0, t, E);
    }

    /** r = x²: with m = a·b, a² + ξb² = (a + b)(a + ξb) − m − ξm, and 2m; two multiplications in GF(p²). */
    void sqr(long[] r, int ro, long[] x, int xo) {
        fp2.mul(t, 0, x, xo, x, xo + E);
        Bls381Fp2.add(t, E, x, xo, x, xo + E);
        fp2.mulXi(t, 2 * E, x, xo + E);
        Bls381Fp2.add(t, 2 * E, t, 2 * E, x, xo);
        fp2.mul(t, E, t, E, t, 2 * E);
        Bls381Fp2.sub(t, E, t, E, t, 0);
        fp2.mulXi(t, 2 * E, t, 0);
        Bls381Fp2.sub(r, ro, t, E, t, 2 * E);
        Bls381Fp2.add(r, ro + E, t, 0, t, 0);
    }

    /** r = x·j = ξb + a·j (AMCL's times_i). */
    void mulJ(long[] r, int ro, long[] x, int xo) {
        fp2.mulXi(t, 0, x, xo + E);
        Bls381Fp2.copy(r, ro + E, x, xo);
        Bls381Fp2.copy(r, ro, t, 0);
    }

    /** r = x·s, s in GF(p²). */
    void mulFp2(long[] r, int ro, long[] x, int xo, long[] s, int so) {
        fp2.mul(r, ro, x, xo, s, so);
        fp2.mul(r, ro + E, x, xo + E, s, so);
    }

    /** r = x^-1 = (a − b·j)/(a² − ξb²). */
    void inverse(long[] r, int ro, long[] x, int xo) {
        fp2.sqr(t, 0, x, xo);
        fp2.sqr(t, E, x, xo + E);
        fp2.mulXi(t, E, t, E);
        Bls381Fp2.sub(t, 0, t, 0, t, E);
        fp2.inverse(t, 0, t, 0);
        fp2.mul(r, ro, x, xo, t, 0);
        fp2.mul(r, ro + E, x, xo + E, t, 0);
        Bls381Fp2.neg(r, ro + E, r, ro + E);
    }

    static void add(long[] r, int ro, long[] x, int xo, long[] y, int yo) {
        Bls381Fp2.add(r, ro, x, xo, y, yo);
        Bls381Fp2.add(r, ro + E, x, xo + E, y, yo + E);
    }

    static void sub(long[] r, int ro, long[] x, int xo, long[] y, int yo) {
        Bls381Fp2.sub(r, ro, x, xo, y, yo);
        Bls381Fp2.sub(r, ro + E, x, xo + E, y, yo + E);
    }

    static void neg(long[] r, int ro, long[] x, int xo) {
        Bls381Fp2.neg(r, ro, x, xo);
        Bls381Fp2.neg(r, ro + E, x, xo + E);
    }

    /** r = a − b·j, x^(p²) (AMCL's conj). */
    static void conj(long[] r, int ro, long[] x, int xo) {
        Bls381Fp2.copy(r, ro, x, xo);
        Bls381Fp2.neg(r, ro + E, x, xo + E);
    }

    /** r = −a + b·j (AMCL's nconj). */
    static void nconj(long[] r, int ro, long[] x, int xo) {
        Bls381Fp2.neg(r, ro, x, xo);
        Bls381Fp2.copy(r, ro + E, x, xo + E);
    }

    static void copy(long[] r, int ro, long[] x, int xo) {
        System.arraycopy(x, xo, r, ro, SIZE);
    }
}
