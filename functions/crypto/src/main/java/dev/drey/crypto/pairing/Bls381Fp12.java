package dev.drey.crypto.pairing;

import java.math.BigInteger;
import org.apache.milagro.amcl.BLS381.FP12;
import org.apache.milagro.amcl.BLS381.FP4;

/**
 * GF(p¹²) = GF(p⁴)[k]/(k³ − j) of BLS12-381, AMCL's FP12 tower (2·2·3, not the 2·3·2 of most other
 * libraries), so that values can be compared with AMCL's byte for byte: an element is three
 * {@link Bls381Fp4} elements (a + b·k + c·k², 84 longs) at an offset. An instance holds its scratch
 * space and serves one thread; the result may overlap an operand exactly.
 */
final class Bls381Fp12 {
    static final int SIZE = 3 * Bls381Fp4.SIZE;
    private static final int Q = Bls381Fp4.SIZE;
    private static final int E = Bls381Fp2.SIZE;
    /** γ^n for n = 1..5, γ = ξ^((p−1)/6): k^p = γ·k, so the Frobenius map multiplies by these. */
    private static final long[] GAMMA = frobeniusConstants();
    private static final long[] ONE = new long[SIZE];

    static {
        Bls381Fp.set(ONE, 0, BigInteger.ONE);
    }

    final Bls381Fp4 fp4 = new Bls381Fp4();
    private final Bls381Fp2 fp2 = fp4.fp2;
    private final long[] t = new long[9 * Q];

    /** r = x·y: Karatsuba over the cubic extension, six multiplications in GF(p⁴). */
    void mul(long[] r, int ro, long[] x, int xo, long[] y, int yo) {
        fp4.mul(t, 0, x, xo, y, yo); // v0
        fp4.mul(t, Q, x, xo + Q, y, yo + Q); // v1
        fp4.mul(t, 2 * Q, x, xo + 2 * Q, y, yo + 2 * Q); // v2
        Bls381Fp4.add(t, 6 * Q, x, xo, x, xo + Q);
        Bls381Fp4.add(t, 7 * Q, y, yo, y, yo + Q);
        fp4.mul(t, 3 * Q, t, 6 * Q, t, 7 * Q); // (x0 + x1)(y0 + y1)
        Bls381Fp4.add(t, 6 * Q, x, xo + Q, x, xo + 2 * Q);
        Bls381Fp4.add(t, 7 * Q, y, yo + Q, y, yo + 2 * Q);
        fp4.mul(t, 4 * Q, t, 6 * Q, t, 7 * Q); // (x1 + x2)(y1 + y2)
        Bls381Fp4.add(t, 6 * Q, x, xo, x, xo + 2 * Q);
        Bls381Fp4.add(t, 7 * Q, y, yo, y, yo + 2 * Q);
        fp4.mul(t, 5 * Q, t, 6 * Q, t, 7 * Q); // (x0 + x2)(y0 + y2)
        // r0 = v0 + j((x1 + x2)(y1 + y2) − v1 − v2)
        Bls381Fp4.sub(t, 4 * Q, t, 4 * Q, t, Q);
        Bls381Fp4.sub(t, 4 * Q, t, 4 * Q, t, 2 * Q);
        fp4.mulJ(t, 4 * Q, t, 4 * Q);
        Bls381Fp4.add(r, ro, t, 0, t, 4 * Q);
        // r2 = (x0 + x2)(y0 + y2) − v0 − v2 + v1
        Bls381Fp4.sub(t, 5 * Q, t, 5 * Q, t, 0);
        Bls381Fp4.sub(t, 5 * Q, t, 5 * Q, t, 2 * Q);
        Bls381Fp4.add(r, ro + 2 * Q, t, 5 * Q, t, Q);
        // r1 = (x0 + x1)(y0 + y1) − v0 − v1 + j·v2
        Bls381Fp4.sub(t, 3 * Q, t, 3 * Q, t, 0);
        Bls381Fp4.sub(t, 3 * Q, t, 3 * Q, t, Q);
        fp4.mulJ(t, 2 * Q, t, 2 * Q);
        Bls381Fp4.add(r, ro + Q, t, 3 * Q, t, 2 * Q);
    }

    /**
     * r = x² (Chung–Hasan): with s0 = a², s1 = 2ab, s2 = (a − b + c)², s3 = 2bc, s4 = c²,
     * x² = (s0 + j·s3) + (s1 + j·s4)·k + (s1 + s2 + s3 − s0 − s4)·k².
     */
    void sqr(long[] r, int ro, long[] x, int xo) {
        fp4.sqr(t, 0, x, xo); // s0
        fp4.mul(t, Q, x, xo, x, xo + Q);
        Bls381Fp4.add(t, Q, t, Q, t, Q); // s1
        Bls381Fp4.sub(t, 2 * Q, x, xo, x, xo + Q);
        Bls381Fp4.add(t, 2 * Q, t, 2 * Q, x, xo + 2 * Q);
        fp4.sqr(t, 2 * Q, t, 2 * Q); // s2
        fp4.mul(t, 3 * Q, x, xo + Q, x, xo + 2 * Q);
        Bls381Fp4.add(t, 3 * Q, t, 3 * Q, t, 3 * Q); // s3
        fp4.sqr(t, 4 * Q, x, xo + 2 * Q); // s4
        Bls381Fp4.add(t, 2 * Q, t, 2 * Q, t, Q);
        Bls381Fp4.add(t, 2 * Q, t, 2 * Q, t, 3 * Q);
        Bls381Fp4.sub(t, 2 * Q, t, 2 * Q, t, 0);
        Bls381Fp4.sub(r, ro + 2 * Q, t, 2 * Q, t, 4 * Q);
        fp4.mulJ(t, 3 * Q, t, 3 * Q);
        Bls381Fp4.add(r, ro, t, 0, t, 3 * Q);
        fp4.mulJ(t, 4 * Q, t, 4 * Q);
        Bls381Fp4.add(r, ro + Q, t, Q, t, 4 * Q);
    }

    /**
     * r = x² for x in the cyclotomic subgroup (x^(p⁴−p²+1) = 1: every value after the easy part of
     * the final exponentiation), Granger–Scott: x² = (3a² − 2ā) + (3j·c² + 2b̄)·k + (3b² − 2c̄)·k²,
     * three squarings in GF(p⁴) instead of two multiplications and three squarings.
     */
    void cyclotomicSqr(long[] r, int ro, long[] x, int xo) {
        fp4.sqr(t, 0, x, xo); // a²
        fp4.sqr(t, Q, x, xo + Q); // b²
        fp4.sqr(t, 2 * Q, x, xo + 2 * Q); // c²
        fp4.mulJ(t, 2 * Q, t, 2 * Q);
        // each part reads only its own input part, in order a, b, c
        timesThreeMinusTwice(r, ro, t, 0, x, xo, true);
        timesThreeMinusTwice(r, ro + Q, t, 2 * Q, x, xo + Q, false);
        timesThreeMinusTwice(r, ro + 2 * Q, t, Q, x, xo + 2 * Q, true);
    }

    /** r = 3s − 2·conj(y) (minus) or 3s + 2·conj(y). */
    private void timesThreeMinusTwice(long[] r, int ro, long[] s, int so, long[] y, int yo, boolean minus) {
        Bls381Fp4.conj(t, 3 * Q, y, yo);
        if (minus) {
            Bls381Fp4.sub(t, 3 * Q, s, so, t, 3 * Q);
        } else {
            Bls381Fp4.add(t, 3 * Q, s, so, t, 3 * Q);
        }
        Bls381Fp4.add(t, 3 * Q, t, 3 * Q, t, 3 * Q);
        Bls381Fp4.add(r, ro, t, 3 * Q, s, so);
    }

    /**
     * r = x·line for an M-type line scaled to 1 + μ·j + ν·j·k² (AMCL's line divided by its coefficient
     * yc·Py, a factor in GF(p²) that the final exponentiation removes): μ = c'·(1/Py) and ν = xc'·(Px/Py)
     * from the two GF(p²) coefficients c' = c/yc, xc' = xc/yc at {@code lo} and the G1 point's
     * {@code q} = (1/Py, Px/Py). With x = a + b·k + c·k² and y ↦ (y1, y0)·j = (ξ·y1, y0):
     * r = (a + μj·a + ξν·b) + (b + μj·b + ξν·c)·k + (c + μj·c + νj·a)·k², twelve multiplications in
     * GF(p²) instead of fifteen for the unscaled line.
     */
    void mulByLine(long[] r, int ro, long[] x, int xo, long[] line, int lo, long[] q) {
        Bls381Fp2.mulFp(t, 0, line, lo, q, 0); // μ
        fp2.mulXi(t, E, t, 0); // ξμ
        Bls381Fp2.mulFp(t, 2 * E, line, lo + E, q, Bls381Fp.LIMBS); // ν
        fp2.mulXi(t, 3 * E, t, 2 * E); // ξν
        for (int part = 0; part < 3; part++) { // μj·(part) = (ξμ·part1, μ·part0)
            fp2.mul(t, (2 + part) * Q, t, E, x, xo + part * Q + E);
            fp2.mul(t, (2 + part) * Q + E, t, 0, x, xo + part * Q);
        }
        fp4.mulFp2(t, 5 * Q, x, xo + Q, t, 3 * E); // ξν·b
        fp4.mulFp2(t, 6 * Q, x, xo + 2 * Q, t, 3 * E); // ξν·c
        fp2.mul(t, 7 * Q, t, 3 * E, x, xo + E); // νj·a = (ξν·a1, ν·a0)
        fp2.mul(t, 7 * Q + E, t, 2 * E, x, xo);
        // each part reads only its own input part, in order a, b, c
        Bls381Fp4.add(t, 2 * Q, t, 2 * Q, t, 5 * Q);
        Bls381Fp4.add(r, ro, x, xo, t, 2 * Q);
        Bls381Fp4.add(t, 3 * Q, t, 3 * Q, t, 6 * Q);
        Bls381Fp4.add(r, ro + Q, x, xo + Q, t, 3 * Q);
        Bls381Fp4.add(t, 4 * Q, t, 4 * Q, t, 7 * Q);
        Bls381Fp4.add(r, ro + 2 * Q, x, xo + 2 * Q, t, 4 * Q);
    }

    /** r = x^(p⁶) = ā − b̄·k + c̄·k², the inverse of a cyclotomic element (AMCL's conj). */
    static void conj(long[] r, int ro, long[] x, int xo) {
        Bls381Fp4.conj(r, ro, x, xo);
        Bls381Fp4.nconj(r, ro + Q, x, xo + Q);
        Bls381Fp4.conj(r, ro + 2 * Q, x, xo + 2 * Q);
    }

    /** r = x^p: conjugate every GF(p²) coefficient and multiply the one of j^e·k^f by γ^(3e+f). */
    void frobenius(long[] r, int ro, long[] x, int xo) {
        for (int part = 0; part < 3; part++) {
            for (int half = 0; half < 2; half++) {
                int o = part * Q + half * E;
                Bls381Fp2.conj(r, ro + o, x, xo + o);
                int n = 3 * half + part;
                if (n != 0) {
                    fp2.mul(r, ro + o, r, ro + o, GAMMA, (n - 1) * E);
                }
            }
        }
    }

    /**
     * r = x^-1: for a + b·k + c·k² with k³ = j, A = a² − j·bc, B = j·c² − ab, C = b² − ac,
     * F = a·A + j(c·B + b·C), and x^-1 = (A + B·k + C·k²)/F.
     */
    void inverse(long[] r, int ro, long[] x, int xo) {
        fp4.sqr(t, 0, x, xo);
        fp4.mul(t, 3 * Q, x, xo + Q, x, xo + 2 * Q);
        fp4.mulJ(t, 3 * Q, t, 3 * Q);
        Bls381Fp4.sub(t, 0, t, 0, t, 3 * Q); // A
        fp4.sqr(t, Q, x, xo + 2 * Q);
        fp4.mulJ(t, Q, t, Q);
        fp4.mul(t, 3 * Q, x, xo, x, xo + Q);
        Bls381Fp4.sub(t, Q, t, Q, t, 3 * Q); // B
        fp4.sqr(t, 2 * Q, x, xo + Q);
        fp4.mul(t, 3 * Q, x, xo, x, xo + 2 * Q);
        Bls381Fp4.sub(t, 2 * Q, t, 2 * Q, t, 3 * Q); // C
        fp4.mul(t, 3 * Q, x, xo + 2 * Q, t, Q);
        fp4.mul(t, 4 * Q, x, xo + Q, t, 2 * Q);
        Bls381Fp4.add(t, 3 * Q, t, 3 * Q, t, 4 * Q);
        fp4.mulJ(t, 3 * Q, t, 3 * Q);
        fp4.mul(t, 4 * Q, x, xo, t, 0);
        Bls381Fp4.add(t, 3 * Q, t, 3 * Q, t, 4 * Q); // F
        fp4.inverse(t, 3 * Q, t, 3 * Q);
        fp4.mul(r, ro, t, 0, t, 3 * Q);
        fp4.mul(r, ro + Q, t, Q, t, 3 * Q);
        fp4.mul(r, ro + 2 * Q, t, 2 * Q, t, 3 * Q);
    }

    static void copy(long[] r, int ro, long[] x, int xo) {
        System.arraycopy(x, xo, r, ro, SIZE);
    }

    static void setOne(long[] r, int ro) {
        System.arraycopy(ONE, 0, r, ro, SIZE);
    }

    static boolean isOne(long[] x, int xo) {
        long diff = 0;
        for (int i = 0; i < SIZE; i++) {
            diff |= x[xo + i] ^ ONE[i];
        }
        return diff == 0;
    }

    /** r = AMCL's x. */
    static void set(long[] r, int ro, FP12 x) {
        FP4[] parts = {x.geta(), x.getb(), x.getc()};
        for (int i = 0; i < 3; i++) {
            Bls381Fp2.set(r, ro + i * Q, parts[i].geta());
            Bls381Fp2.set(r, ro + i * Q + E, parts[i].getb());
        }
    }

    /** AMCL's FP12 of x. */
    static FP12 toAmcl(long[] x, int xo) {
        FP4[] parts = new FP4[3];
        for (int i = 0; i < 3; i++) {
            parts[i] = new FP4(Bls381Fp2.toAmcl(x, xo + i * Q), Bls381Fp2.toAmcl(x, xo + i * Q + E));
        }
        return new FP12(parts[0], parts[1], parts[2]);
    }

    private static long[] frobeniusConstants() {
        Bls381Fp2 f = new Bls381Fp2();
        long[] xi = new long[E];
        Bls381Fp2.set(xi, 0, BigInteger.ONE, BigInteger.ONE);
        BigInteger e = Bls381Fp.MODULUS.subtract(BigInteger.ONE).divide(BigInteger.valueOf(6));
        long[] g = new long[5 * E];
        Bls381Fp2.set(g, 0, BigInteger.ONE, BigInteger.ZERO);
        for (int i = e.bitLength() - 1; i >= 0; i--) {
            f.sqr(g, 0, g, 0);
            if (e.testBit(i)) {
                f.mul(g, 0, g, 0, xi, 0);
            }
        }
        for (int n = 1; n < 5; n++) {
            f.mul(g, n * E, g, (n - 1) * E, g, 0);
        }
        return g;
    }
}
