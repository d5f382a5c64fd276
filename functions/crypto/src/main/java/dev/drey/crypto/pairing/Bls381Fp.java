package dev.drey.crypto.pairing;

import java.math.BigInteger;

/**
 * The base field of BLS12-381, GF(p), for the verifier's pairing only: an element is seven 55-bit limbs
 * (little-endian) at an offset in a {@code long[]}, in Montgomery form x·2^385 mod p, always fully
 * reduced below p (so equal elements have equal limbs). AMCL's FP allocates on every operation and
 * multiplies 58-bit limbs through 29-bit halves; here a limb product is one {@code *} and one
 * {@link Math#multiplyHigh} (exact for 55-bit limbs, which leave room to add a column of products
 * without carry handling), nothing is allocated, and no branch depends on the values: the server
 * secret's Miller-loop lines go through this arithmetic.
 *
 * <p>{@link #mul} and {@link #sqr} are Montgomery multiplication by product scanning, unrolled:
 * column k (k = 0..12) sums every product a_i·b_j and m_i·p_j with i + j = k in three accumulators (its
 * bits 0..54, its bits 55..63 and its high word; at most 14 terms each, so none overflows), then carries
 * the column above bit 55 into the next one. For k &lt; 7 the column picks m_k = −l·p^−1 mod 2^55
 * to clear its low limb; for k ≥ 7 the low limb is result limb k − 7. The result is below 2p and one
 * branch-free conditional subtraction brings it below p. {@code sqr} counts each cross product once,
 * with the factor 2 folded into {@code d_i = 2·a_i}.
 */
final class Bls381Fp {
    static final int LIMBS = 7;
    static final BigInteger MODULUS = new BigInteger(
            "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab", 16);
    private static final int RADIX = 55;
    private static final long M = (1L << RADIX) - 1;
    private static final BigInteger R_INV = BigInteger.ONE.shiftLeft(RADIX * LIMBS).modInverse(MODULUS);
    /** p - 2, the exponent of the inverse by Fermat's little theorem. */
    private static final BigInteger P_MINUS_2 = MODULUS.subtract(BigInteger.TWO);
    /** p·2^381 in 14 limbs: above p², below p·2^385/16. */
    private static final long[] P_SHIFTED = new long[2 * LIMBS];

    static {
        BigInteger v = MODULUS.shiftLeft(381);
        for (int i = 0; i < 2 * LIMBS; i++) {
            P_SHIFTED[i] = v.shiftRight(RADIX * i).longValue() & M;
        }
    }
    private static final long P0 = 0x7effffffffaaabL;
    private static final long P1 = 0x7ffd62a7ffff73L;
    private static final long P2 = 0x3dac3d8907aafL;
    private static final long P3 = 0x1c2895fb398695L;
    private static final long P4 = 0x3acd764774b84fL;
    private static final long P5 = 0x53496374f6c869L;
    private static final long P6 = 0x680447a8e5ff9L;
    private static final long PINV = 0x73fffcfffcfffdL;

    private Bls381Fp() {
    }

    /** r = a·b (r may be a or b). */
    static void mul(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        long a0 = a[ao + 0];
        long a1 = a[ao + 1];
        long a2 = a[ao + 2];
        long a3 = a[ao + 3];
        long a4 = a[ao + 4];
        long a5 = a[ao + 5];
        long a6 = a[ao + 6];
        long b0 = b[bo + 0];
        long b1 = b[bo + 1];
        long b2 = b[bo + 2];
        long b3 = b[bo + 3];
        long b4 = b[bo + 4];
        long b5 = b[bo + 5];
        long b6 = b[bo + 6];
        long l = 0, h = 0, g = 0, lo;
        // column 0
        lo = a0 * b0; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a0, b0);
        long m0 = ((l & M) * PINV) & M;
        lo = m0 * P0; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m0, P0);
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        // column 1
        lo = a0 * b1; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a0, b1);
        lo = a1 * b0; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a1, b0);
        lo = m0 * P1; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m0, P1);
        long m1 = ((l & M) * PINV) & M;
        lo = m1 * P0; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m1, P0);
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        // column 2
        lo = a0 * b2; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a0, b2);
        lo = a1 * b1; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a1, b1);
        lo = a2 * b0; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a2, b0);
        lo = m0 * P2; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m0, P2);
        lo = m1 * P1; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m1, P1);
        long m2 = ((l & M) * PINV) & M;
        lo = m2 * P0; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m2, P0);
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        // column 3
        lo = a0 * b3; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a0, b3);
        lo = a1 * b2; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a1, b2);
        lo = a2 * b1; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a2, b1);
        lo = a3 * b0; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a3, b0);
        lo = m0 * P3; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m0, P3);
        lo = m1 * P2; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m1, P2);
        lo = m2 * P1; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m2, P1);
        long m3 = ((l & M) * PINV) & M;
        lo = m3 * P0; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m3, P0);
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        // column 4
        lo = a0 * b4; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a0, b4);
        lo = a1 * b3; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a1, b3);
        lo = a2 * b2; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a2, b2);
        lo = a3 * b1; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a3, b1);
        lo = a4 * b0; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a4, b0);
        lo = m0 * P4; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m0, P4);
        lo = m1 * P3; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m1, P3);
        lo = m2 * P2; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m2, P2);
        lo = m3 * P1; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m3, P1);
        long m4 = ((l & M) * PINV) & M;
        lo = m4 * P0; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m4, P0);
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        // column 5
        lo = a0 * b5; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a0, b5);
        lo = a1 * b4; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a1, b4);
        lo = a2 * b3; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a2, b3);
        lo = a3 * b2; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a3, b2);
        lo = a4 * b1; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a4, b1);
        lo = a5 * b0; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a5, b0);
        lo = m0 * P5; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m0, P5);
        lo = m1 * P4; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m1, P4);
        lo = m2 * P3; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m2, P3);
        lo = m3 * P2; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m3, P2);
        lo = m4 * P1; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m4, P1);
        long m5 = ((l & M) * PINV) & M;
        lo = m5 * P0; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m5, P0);
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        // column 6
        lo = a0 * b6; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a0, b6);
        lo = a1 * b5; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a1, b5);
        lo = a2 * b4; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a2, b4);
        lo = a3 * b3; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a3, b3);
        lo = a4 * b2; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a4, b2);
        lo = a5 * b1; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a5, b1);
        lo = a6 * b0; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a6, b0);
        lo = m0 * P6; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m0, P6);
        lo = m1 * P5; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m1, P5);
        lo = m2 * P4; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m2, P4);
        lo = m3 * P3; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m3, P3);
        lo = m4 * P2; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m4, P2);
        lo = m5 * P1; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m5, P1);
        long m6 = ((l & M) * PINV) & M;
        lo = m6 * P0; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m6, P0);
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        // column 7
        lo = a1 * b6; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a1, b6);
        lo = a2 * b5; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a2, b5);
        lo = a3 * b4; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a3, b4);
        lo = a4 * b3; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a4, b3);
        lo = a5 * b2; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a5, b2);
        lo = a6 * b1; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a6, b1);
        lo = m1 * P6; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m1, P6);
        lo = m2 * P5; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m2, P5);
        lo = m3 * P4; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m3, P4);
        lo = m4 * P3; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m4, P3);
        lo = m5 * P2; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m5, P2);
        lo = m6 * P1; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m6, P1);
        long t0 = l & M;
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        // column 8
        lo = a2 * b6; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a2, b6);
        lo = a3 * b5; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a3, b5);
        lo = a4 * b4; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a4, b4);
        lo = a5 * b3; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a5, b3);
        lo = a6 * b2; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a6, b2);
        lo = m2 * P6; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m2, P6);
        lo = m3 * P5; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m3, P5);
        lo = m4 * P4; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m4, P4);
        lo = m5 * P3; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m5, P3);
        lo = m6 * P2; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m6, P2);
        long t1 = l & M;
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        // column 9
        lo = a3 * b6; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a3, b6);
        lo = a4 * b5; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a4, b5);
        lo = a5 * b4; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a5, b4);
        lo = a6 * b3; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a6, b3);
        lo = m3 * P6; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m3, P6);
        lo = m4 * P5; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m4, P5);
        lo = m5 * P4; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m5, P4);
        lo = m6 * P3; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m6, P3);
        long t2 = l & M;
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        // column 10
        lo = a4 * b6; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a4, b6);
        lo = a5 * b5; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a5, b5);
        lo = a6 * b4; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a6, b4);
        lo = m4 * P6; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m4, P6);
        lo = m5 * P5; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m5, P5);
        lo = m6 * P4; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m6, P4);
        long t3 = l & M;
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        // column 11
        lo = a5 * b6; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a5, b6);
        lo = a6 * b5; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a6, b5);
        lo = m5 * P6; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m5, P6);
        lo = m6 * P5; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m6, P5);
        long t4 = l & M;
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        // column 12
        lo = a6 * b6; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a6, b6);
        lo = m6 * P6; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m6, P6);
        long t5 = l & M;
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        long t6 = l;
        subtractModulusIfAbove(r, ro, t0, t1, t2, t3, t4, t5, t6);
    }

    /** r = a² (r may be a). */
    static void sqr(long[] r, int ro, long[] a, int ao) {
        long a0 = a[ao + 0];
        long a1 = a[ao + 1];
        long a2 = a[ao + 2];
        long a3 = a[ao + 3];
        long a4 = a[ao + 4];
        long a5 = a[ao + 5];
        long a6 = a[ao + 6];
        long d0 = a0 << 1;
        long d1 = a1 << 1;
        long d2 = a2 << 1;
        long d3 = a3 << 1;
        long d4 = a4 << 1;
        long d5 = a5 << 1;
        long l = 0, h = 0, g = 0, lo;
        // column 0
        lo = a0 * a0; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a0, a0);
        long m0 = ((l & M) * PINV) & M;
        lo = m0 * P0; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m0, P0);
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        // column 1
        lo = d0 * a1; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(d0, a1);
        lo = m0 * P1; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m0, P1);
        long m1 = ((l & M) * PINV) & M;
        lo = m1 * P0; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m1, P0);
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        // column 2
        lo = d0 * a2; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(d0, a2);
        lo = a1 * a1; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a1, a1);
        lo = m0 * P2; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m0, P2);
        lo = m1 * P1; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m1, P1);
        long m2 = ((l & M) * PINV) & M;
        lo = m2 * P0; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m2, P0);
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        // column 3
        lo = d0 * a3; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(d0, a3);
        lo = d1 * a2; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(d1, a2);
        lo = m0 * P3; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m0, P3);
        lo = m1 * P2; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m1, P2);
        lo = m2 * P1; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m2, P1);
        long m3 = ((l & M) * PINV) & M;
        lo = m3 * P0; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m3, P0);
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        // column 4
        lo = d0 * a4; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(d0, a4);
        lo = d1 * a3; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(d1, a3);
        lo = a2 * a2; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a2, a2);
        lo = m0 * P4; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m0, P4);
        lo = m1 * P3; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m1, P3);
        lo = m2 * P2; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m2, P2);
        lo = m3 * P1; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m3, P1);
        long m4 = ((l & M) * PINV) & M;
        lo = m4 * P0; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m4, P0);
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        // column 5
        lo = d0 * a5; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(d0, a5);
        lo = d1 * a4; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(d1, a4);
        lo = d2 * a3; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(d2, a3);
        lo = m0 * P5; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m0, P5);
        lo = m1 * P4; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m1, P4);
        lo = m2 * P3; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m2, P3);
        lo = m3 * P2; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m3, P2);
        lo = m4 * P1; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m4, P1);
        long m5 = ((l & M) * PINV) & M;
        lo = m5 * P0; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m5, P0);
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        // column 6
        lo = d0 * a6; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(d0, a6);
        lo = d1 * a5; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(d1, a5);
        lo = d2 * a4; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(d2, a4);
        lo = a3 * a3; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a3, a3);
        lo = m0 * P6; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m0, P6);
        lo = m1 * P5; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m1, P5);
        lo = m2 * P4; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m2, P4);
        lo = m3 * P3; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m3, P3);
        lo = m4 * P2; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m4, P2);
        lo = m5 * P1; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m5, P1);
        long m6 = ((l & M) * PINV) & M;
        lo = m6 * P0; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m6, P0);
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        // column 7
        lo = d1 * a6; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(d1, a6);
        lo = d2 * a5; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(d2, a5);
        lo = d3 * a4; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(d3, a4);
        lo = m1 * P6; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m1, P6);
        lo = m2 * P5; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m2, P5);
        lo = m3 * P4; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m3, P4);
        lo = m4 * P3; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m4, P3);
        lo = m5 * P2; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m5, P2);
        lo = m6 * P1; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m6, P1);
        long t0 = l & M;
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        // column 8
        lo = d2 * a6; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(d2, a6);
        lo = d3 * a5; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(d3, a5);
        lo = a4 * a4; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a4, a4);
        lo = m2 * P6; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m2, P6);
        lo = m3 * P5; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m3, P5);
        lo = m4 * P4; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m4, P4);
        lo = m5 * P3; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m5, P3);
        lo = m6 * P2; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m6, P2);
        long t1 = l & M;
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        // column 9
        lo = d3 * a6; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(d3, a6);
        lo = d4 * a5; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(d4, a5);
        lo = m3 * P6; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m3, P6);
        lo = m4 * P5; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m4, P5);
        lo = m5 * P4; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m5, P4);
        lo = m6 * P3; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m6, P3);
        long t2 = l & M;
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        // column 10
        lo = d4 * a6; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(d4, a6);
        lo = a5 * a5; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a5, a5);
        lo = m4 * P6; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m4, P6);
        lo = m5 * P5; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m5, P5);
        lo = m6 * P4; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m6, P4);
        long t3 = l & M;
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        // column 11
        lo = d5 * a6; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(d5, a6);
        lo = m5 * P6; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m5, P6);
        lo = m6 * P5; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m6, P5);
        long t4 = l & M;
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        // column 12
        lo = a6 * a6; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a6, a6);
        lo = m6 * P6; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m6, P6);
        long t5 = l & M;
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        long t6 = l;
        subtractModulusIfAbove(r, ro, t0, t1, t2, t3, t4, t5, t6);
    }

    /** r (14 limbs) = a·b, not reduced; a and b below 2^382. */
    static void mulWide(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        long a0 = a[ao + 0];
        long a1 = a[ao + 1];
        long a2 = a[ao + 2];
        long a3 = a[ao + 3];
        long a4 = a[ao + 4];
        long a5 = a[ao + 5];
        long a6 = a[ao + 6];
        long b0 = b[bo + 0];
        long b1 = b[bo + 1];
        long b2 = b[bo + 2];
        long b3 = b[bo + 3];
        long b4 = b[bo + 4];
        long b5 = b[bo + 5];
        long b6 = b[bo + 6];
        long l = 0, h = 0, g = 0, lo;
        lo = a0 * b0; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a0, b0);
        r[ro + 0] = l & M;
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        lo = a0 * b1; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a0, b1);
        lo = a1 * b0; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a1, b0);
        r[ro + 1] = l & M;
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        lo = a0 * b2; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a0, b2);
        lo = a1 * b1; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a1, b1);
        lo = a2 * b0; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a2, b0);
        r[ro + 2] = l & M;
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        lo = a0 * b3; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a0, b3);
        lo = a1 * b2; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a1, b2);
        lo = a2 * b1; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a2, b1);
        lo = a3 * b0; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a3, b0);
        r[ro + 3] = l & M;
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        lo = a0 * b4; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a0, b4);
        lo = a1 * b3; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a1, b3);
        lo = a2 * b2; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a2, b2);
        lo = a3 * b1; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a3, b1);
        lo = a4 * b0; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a4, b0);
        r[ro + 4] = l & M;
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        lo = a0 * b5; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a0, b5);
        lo = a1 * b4; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a1, b4);
        lo = a2 * b3; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a2, b3);
        lo = a3 * b2; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a3, b2);
        lo = a4 * b1; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a4, b1);
        lo = a5 * b0; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a5, b0);
        r[ro + 5] = l & M;
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        lo = a0 * b6; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a0, b6);
        lo = a1 * b5; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a1, b5);
        lo = a2 * b4; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a2, b4);
        lo = a3 * b3; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a3, b3);
        lo = a4 * b2; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a4, b2);
        lo = a5 * b1; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a5, b1);
        lo = a6 * b0; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a6, b0);
        r[ro + 6] = l & M;
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        lo = a1 * b6; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a1, b6);
        lo = a2 * b5; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a2, b5);
        lo = a3 * b4; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a3, b4);
        lo = a4 * b3; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a4, b3);
        lo = a5 * b2; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a5, b2);
        lo = a6 * b1; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a6, b1);
        r[ro + 7] = l & M;
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        lo = a2 * b6; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a2, b6);
        lo = a3 * b5; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a3, b5);
        lo = a4 * b4; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a4, b4);
        lo = a5 * b3; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a5, b3);
        lo = a6 * b2; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a6, b2);
        r[ro + 8] = l & M;
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        lo = a3 * b6; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a3, b6);
        lo = a4 * b5; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a4, b5);
        lo = a5 * b4; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a5, b4);
        lo = a6 * b3; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a6, b3);
        r[ro + 9] = l & M;
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        lo = a4 * b6; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a4, b6);
        lo = a5 * b5; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a5, b5);
        lo = a6 * b4; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a6, b4);
        r[ro + 10] = l & M;
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        lo = a5 * b6; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a5, b6);
        lo = a6 * b5; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a6, b5);
        r[ro + 11] = l & M;
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        lo = a6 * b6; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(a6, b6);
        r[ro + 12] = l & M;
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        r[ro + 13] = l;
    }

    /** r = t·2^−385 mod p for t (14 limbs, each below 2^56, top signed) in [0, p·2^385/8) (Montgomery reduction). */
    static void redc(long[] r, int ro, long[] t, int to) {
        long l = 0, h = 0, g = 0, lo;
        l += t[to + 0];
        long m0 = ((l & M) * PINV) & M;
        lo = m0 * P0; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m0, P0);
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        l += t[to + 1];
        lo = m0 * P1; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m0, P1);
        long m1 = ((l & M) * PINV) & M;
        lo = m1 * P0; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m1, P0);
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        l += t[to + 2];
        lo = m0 * P2; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m0, P2);
        lo = m1 * P1; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m1, P1);
        long m2 = ((l & M) * PINV) & M;
        lo = m2 * P0; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m2, P0);
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        l += t[to + 3];
        lo = m0 * P3; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m0, P3);
        lo = m1 * P2; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m1, P2);
        lo = m2 * P1; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m2, P1);
        long m3 = ((l & M) * PINV) & M;
        lo = m3 * P0; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m3, P0);
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        l += t[to + 4];
        lo = m0 * P4; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m0, P4);
        lo = m1 * P3; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m1, P3);
        lo = m2 * P2; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m2, P2);
        lo = m3 * P1; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m3, P1);
        long m4 = ((l & M) * PINV) & M;
        lo = m4 * P0; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m4, P0);
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        l += t[to + 5];
        lo = m0 * P5; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m0, P5);
        lo = m1 * P4; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m1, P4);
        lo = m2 * P3; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m2, P3);
        lo = m3 * P2; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m3, P2);
        lo = m4 * P1; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m4, P1);
        long m5 = ((l & M) * PINV) & M;
        lo = m5 * P0; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m5, P0);
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        l += t[to + 6];
        lo = m0 * P6; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m0, P6);
        lo = m1 * P5; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m1, P5);
        lo = m2 * P4; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m2, P4);
        lo = m3 * P3; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m3, P3);
        lo = m4 * P2; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m4, P2);
        lo = m5 * P1; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m5, P1);
        long m6 = ((l & M) * PINV) & M;
        lo = m6 * P0; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m6, P0);
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        l += t[to + 7];
        lo = m1 * P6; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m1, P6);
        lo = m2 * P5; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m2, P5);
        lo = m3 * P4; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m3, P4);
        lo = m4 * P3; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m4, P3);
        lo = m5 * P2; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m5, P2);
        lo = m6 * P1; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m6, P1);
        long t0 = l & M;
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        l += t[to + 8];
        lo = m2 * P6; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m2, P6);
        lo = m3 * P5; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m3, P5);
        lo = m4 * P4; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m4, P4);
        lo = m5 * P3; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m5, P3);
        lo = m6 * P2; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m6, P2);
        long t1 = l & M;
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        l += t[to + 9];
        lo = m3 * P6; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m3, P6);
        lo = m4 * P5; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m4, P5);
        lo = m5 * P4; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m5, P4);
        lo = m6 * P3; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m6, P3);
        long t2 = l & M;
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        l += t[to + 10];
        lo = m4 * P6; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m4, P6);
        lo = m5 * P5; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m5, P5);
        lo = m6 * P4; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m6, P4);
        long t3 = l & M;
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        l += t[to + 11];
        lo = m5 * P6; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m5, P6);
        lo = m6 * P5; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m6, P5);
        long t4 = l & M;
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        l += t[to + 12];
        lo = m6 * P6; l += lo & M; h += lo >>> 55; g += Math.multiplyHigh(m6, P6);
        long t5 = l & M;
        l = (l >>> 55) + h + (g << 9);
        h = 0;
        g = 0;
        long t6 = l + t[to + 13];
        subtractModulusIfAbove(r, ro, t0, t1, t2, t3, t4, t5, t6);
    }

    /** r = a + b without the reduction: below 2p, a valid operand of {@link #mulWide} and {@link #mul}. */
    static void addNoReduce(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        long c = 0;
        for (int i = 0; i < LIMBS; i++) {
            long s = a[ao + i] + b[bo + i] + c;
            r[ro + i] = s & M;
            c = s >>> RADIX;
        }
        r[ro + LIMBS - 1] += c << RADIX;
    }

    /** r = a − b on double-width values (14 limbs), normalised; the top limb carries the sign. */
    static void subWide(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        long c = 0;
        for (int i = 0; i < 2 * LIMBS - 1; i++) {
            long d = a[ao + i] - b[bo + i] + c;
            r[ro + i] = d & M;
            c = d >> RADIX;
        }
        r[ro + 2 * LIMBS - 1] = a[ao + 2 * LIMBS - 1] - b[bo + 2 * LIMBS - 1] + c;
    }

    /** r = a + p·2^381 on double-width values: makes a difference of two products of elements below p non-negative. */
    static void addShiftedModulus(long[] r, int ro, long[] a, int ao) {
        long c = 0;
        for (int i = 0; i < 2 * LIMBS - 1; i++) {
            long d = a[ao + i] + P_SHIFTED[i] + c;
            r[ro + i] = d & M;
            c = d >> RADIX;
        }
        r[ro + 2 * LIMBS - 1] = a[ao + 2 * LIMBS - 1] + P_SHIFTED[2 * LIMBS - 1] + c;
    }

    /** t (below 2p, limbs normalised but the top one) minus p if that is not negative, into r; no branch. */
    private static void subtractModulusIfAbove(long[] r, int ro, long t0, long t1, long t2, long t3, long t4,
            long t5, long t6) {
        long d0 = t0 - P0;
        long d1 = t1 - P1 + (d0 >> RADIX);
        long d2 = t2 - P2 + (d1 >> RADIX);
        long d3 = t3 - P3 + (d2 >> RADIX);
        long d4 = t4 - P4 + (d3 >> RADIX);
        long d5 = t5 - P5 + (d4 >> RADIX);
        long d6 = t6 - P6 + (d5 >> RADIX);
        long keep = d6 >> 63; // all ones when t < p
        r[ro] = (t0 & keep) | (d0 & M & ~keep);
        r[ro + 1] = (t1 & keep) | (d1 & M & ~keep);
        r[ro + 2] = (t2 & keep) | (d2 & M & ~keep);
        r[ro + 3] = (t3 & keep) | (d3 & M & ~keep);
        r[ro + 4] = (t4 & keep) | (d4 & M & ~keep);
        r[ro + 5] = (t5 & keep) | (d5 & M & ~keep);
        r[ro + 6] = (t6 & keep) | (d6 & ~keep);
    }

    /** r = a + b. */
    static void add(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        long s0 = a[ao] + b[bo];
        long s1 = a[ao + 1] + b[bo + 1] + (s0 >>> RADIX);
        long s2 = a[ao + 2] + b[bo + 2] + (s1 >>> RADIX);
        long s3 = a[ao + 3] + b[bo + 3] + (s2 >>> RADIX);
        long s4 = a[ao + 4] + b[bo + 4] + (s3 >>> RADIX);
        long s5 = a[ao + 5] + b[bo + 5] + (s4 >>> RADIX);
        long s6 = a[ao + 6] + b[bo + 6] + (s5 >>> RADIX);
        subtractModulusIfAbove(r, ro, s0 & M, s1 & M, s2 & M, s3 & M, s4 & M, s5 & M, s6);
    }

    /** r = a - b. */
    static void sub(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        long d0 = a[ao] - b[bo];
        long d1 = a[ao + 1] - b[bo + 1] + (d0 >> RADIX);
        long d2 = a[ao + 2] - b[bo + 2] + (d1 >> RADIX);
        long d3 = a[ao + 3] - b[bo + 3] + (d2 >> RADIX);
        long d4 = a[ao + 4] - b[bo + 4] + (d3 >> RADIX);
        long d5 = a[ao + 5] - b[bo + 5] + (d4 >> RADIX);
        long d6 = a[ao + 6] - b[bo + 6] + (d5 >> RADIX);
        addModulusIfNegative(r, ro, d0 & M, d1 & M, d2 & M, d3 & M, d4 & M, d5 & M, d6);
    }

    /** r = -a. */
    static void neg(long[] r, int ro, long[] a, int ao) {
        long d0 = -a[ao];
        long d1 = -a[ao + 1] + (d0 >> RADIX);
        long d2 = -a[ao + 2] + (d1 >> RADIX);
        long d3 = -a[ao + 3] + (d2 >> RADIX);
        long d4 = -a[ao + 4] + (d3 >> RADIX);
        long d5 = -a[ao + 5] + (d4 >> RADIX);
        long d6 = -a[ao + 6] + (d5 >> RADIX);
        addModulusIfNegative(r, ro, d0 & M, d1 & M, d2 & M, d3 & M, d4 & M, d5 & M, d6);
    }

    /** d (above -p, top limb signed) plus p if it is negative, into r; no branch. */
    private static void addModulusIfNegative(long[] r, int ro, long d0, long d1, long d2, long d3, long d4,
            long d5, long d6) {
        long add = d6 >> 63; // all ones when d < 0
        long s0 = d0 + (P0 & add);
        long s1 = d1 + (P1 & add) + (s0 >>> RADIX);
        long s2 = d2 + (P2 & add) + (s1 >>> RADIX);
        long s3 = d3 + (P3 & add) + (s2 >>> RADIX);
        long s4 = d4 + (P4 & add) + (s3 >>> RADIX);
        long s5 = d5 + (P5 & add) + (s4 >>> RADIX);
        long s6 = d6 + (P6 & add) + (s5 >>> RADIX);
        r[ro] = s0 & M;
        r[ro + 1] = s1 & M;
        r[ro + 2] = s2 & M;
        r[ro + 3] = s3 & M;
        r[ro + 4] = s4 & M;
        r[ro + 5] = s5 & M;
        r[ro + 6] = s6 & M;
    }

    /** r = a^-1 (0 for 0), by a^(p-2): the same operations for every a. */
    static void inverse(long[] r, int ro, long[] a, int ao) {
        long[] base = new long[LIMBS];
        System.arraycopy(a, ao, base, 0, LIMBS);
        long[] acc = new long[LIMBS];
        System.arraycopy(base, 0, acc, 0, LIMBS);
        for (int i = P_MINUS_2.bitLength() - 2; i >= 0; i--) {
            sqr(acc, 0, acc, 0);
            if (P_MINUS_2.testBit(i)) {
                mul(acc, 0, acc, 0, base, 0);
            }
        }
        System.arraycopy(acc, 0, r, ro, LIMBS);
    }

    static void copy(long[] r, int ro, long[] a, int ao) {
        System.arraycopy(a, ao, r, ro, LIMBS);
    }

    static boolean isZero(long[] a, int ao) {
        long or = 0;
        for (int i = 0; i < LIMBS; i++) {
            or |= a[ao + i];
        }
        return or == 0;
    }

    /** x (any integer, reduced mod p) into r in Montgomery form. */
    static void set(long[] r, int ro, BigInteger x) {
        BigInteger m = x.shiftLeft(RADIX * LIMBS).mod(MODULUS);
        for (int i = 0; i < LIMBS; i++) {
            r[ro + i] = m.shiftRight(RADIX * i).longValue() & M;
        }
    }

    /** The integer in [0, p) that a represents. */
    static BigInteger value(long[] a, int ao) {
        BigInteger m = BigInteger.ZERO;
        for (int i = LIMBS - 1; i >= 0; i--) {
            m = m.shiftLeft(RADIX).or(BigInteger.valueOf(a[ao + i]));
        }
        return m.multiply(R_INV).mod(MODULUS);
    }
}
