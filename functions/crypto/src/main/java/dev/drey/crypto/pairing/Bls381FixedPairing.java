package dev.drey.crypto.pairing;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.apache.milagro.amcl.BLS381.BIG;
import org.apache.milagro.amcl.BLS381.ECP;
import org.apache.milagro.amcl.BLS381.ECP2;
import org.apache.milagro.amcl.BLS381.FP2;
import org.apache.milagro.amcl.BLS381.ROM;

/**
 * The optimal ate pairing of AMCL on BLS12-381 with its G2 argument fixed: the G2 doublings and
 * additions, and the parts of each line that depend only on the G2 point, are done once (AMCL's
 * PAIR.line splits into constants times the G1 point's x and y), and each line is divided by its
 * coefficient yc·Py (by yc once here, by Py per G1 point), a factor in GF(p²) that the final
 * exponentiation removes. Each later pairing evaluates the stored
 * lines at its G1 point; after the final exponentiation the values equal AMCL's fexp(ate2) exactly.
 * The arithmetic after the precomputation is the allocation-free {@link Bls381Fp12}, not AMCL's.
 *
 * <p>Secret data: for the M-Pin server, one fixed point is the server secret sQ. Its lines are computed
 * once with AMCL's ECP2/FP2 (as AMCL's own SERVER_2 does on every call), divided by yc with a
 * Fermat inversion (the only branch on them, yc = 0, cannot happen for a point of order r) and stored
 * here; from then on
 * they, the Miller-loop value and everything in the final exponentiation go only through
 * {@link Bls381Fp} arithmetic, which has no value-dependent branch or memory access. The loop's shape
 * (which steps have an addition) depends on the public curve parameter only.
 */
final class Bls381FixedPairing {
    static {
        if (ECP.SEXTIC_TWIST != ECP.M_TYPE || ECP.CURVE_PAIRING_TYPE != ECP.BLS || ECP.SIGN_OF_X != ECP.NEGATIVEX) {
            throw new IllegalStateException("precomputed lines assume AMCL's BLS381 (M-type twist, BLS curve, u < 0)");
        }
    }

    private static final int E = Bls381Fp2.SIZE;
    private static final int F = Bls381Fp.LIMBS;
    /** One line: its GF(p²) coefficients c/yc and xc/yc (see {@link Bls381Fp12#mulByLine}). */
    private static final int LINE = 2 * E;
    /** The final exponentiation raises to u (negative) as conj(x^|u|). */
    private static final long ABS_U = Bls381G1.ABS_U;

    /** Per loop step its doubling line, then its addition line if it has one. */
    private final long[] lines;
    private final boolean[] withAddition;

    Bls381FixedPairing(ECP2 fixed) {
        ECP2 p = new ECP2(fixed);
        p.affine();
        BIG n = new BIG(ROM.CURVE_Bnx);
        n.norm();
        BIG n3 = new BIG(n);
        n3.pmul(3);
        n3.norm();
        ECP2 a = new ECP2(p);
        ECP2 minusP = new ECP2(p);
        minusP.neg();
        List<FP2[]> all = new ArrayList<>();
        withAddition = new boolean[n3.nbits() - 2];
        for (int i = n3.nbits() - 2, s = 0; i >= 1; i--, s++) {
            all.add(doubling(a));
            int bt = n3.bit(i) - n.bit(i);
            if (bt != 0) {
                all.add(addition(a, bt == 1 ? p : minusP));
                withAddition[s] = true;
            }
        }
        // each line divided by its yc (see Bls381Fp12.mulByLine): store c/yc and xc/yc
        Bls381Fp2 fp2 = new Bls381Fp2();
        lines = new long[all.size() * LINE];
        long[] yc = new long[E];
        for (int l = 0; l < all.size(); l++) {
            FP2[] line = all.get(l);
            if (line[0].iszilch()) {
                throw new IllegalStateException("a Miller-loop line with yc = 0: the G2 point is not of order r");
            }
            Bls381Fp2.set(yc, 0, line[0]);
            fp2.inverse(yc, 0, yc, 0);
            Bls381Fp2.set(lines, l * LINE, line[1]);
            fp2.mul(lines, l * LINE, lines, l * LINE, yc, 0);
            Bls381Fp2.set(lines, l * LINE + E, line[2]);
            fp2.mul(lines, l * LINE + E, lines, l * LINE + E, yc, 0);
        }
    }

    /** e(fixed1, p1)·e(fixed2, p2) == 1 for affine G1 points ({@link Bls381G1}), with one final exponentiation. */
    static boolean productIsOne(Bls381FixedPairing f1, long[] p1, Bls381FixedPairing f2, long[] p2) {
        Bls381Fp12 arithmetic = new Bls381Fp12();
        long[] f = millerLoop(arithmetic, f1, p1, f2, p2);
        finalExponentiation(arithmetic, f);
        return Bls381Fp12.isOne(f, 0);
    }

    /**
     * The Miller-loop value for two fixed G2 points at two affine G1 points: AMCL's ate2 times a factor
     * in GF(p²)* (the lines are scaled), so equal to it after the final exponentiation.
     */
    static long[] millerLoop(Bls381Fp12 arithmetic, Bls381FixedPairing f1, long[] p1, Bls381FixedPairing f2,
            long[] p2) {
        long[] q1 = lineInput(p1);
        long[] q2 = lineInput(p2);
        long[] f = new long[Bls381Fp12.SIZE];
        Bls381Fp12.setOne(f, 0);
        int line = 0;
        for (int s = 0; s < f1.withAddition.length; s++) {
            if (s > 0) {
                arithmetic.sqr(f, 0, f, 0);
            }
            arithmetic.mulByLine(f, 0, f, 0, f1.lines, line, q1);
            arithmetic.mulByLine(f, 0, f, 0, f2.lines, line, q2);
            line += LINE;
            if (f1.withAddition[s]) {
                arithmetic.mulByLine(f, 0, f, 0, f1.lines, line, q1);
                arithmetic.mulByLine(f, 0, f, 0, f2.lines, line, q2);
                line += LINE;
            }
        }
        Bls381Fp12.conj(f, 0, f, 0); // u < 0
        return f;
    }

    /**
     * f = f^((p¹² − 1)/r · 3), AMCL's fexp: the easy part (p⁶ − 1)(p² + 1), then the hard part as
     * AMCL computes it, 3(p⁴ − p² + 1)/r = (u − 1)²(u + p)(u² + p² − 1) + 3, from four powers by u
     * with cyclotomic squarings, so the value equals AMCL's exactly.
     */
    static void finalExponentiation(Bls381Fp12 ar, long[] f) {
        int n = Bls381Fp12.SIZE;
        long[] w = new long[5 * n];
        int t = 0;
        int y0 = n;
        int y1 = 2 * n;
        int y2 = 3 * n;
        int y3 = 4 * n;
        ar.inverse(w, t, f, 0);
        Bls381Fp12.conj(f, 0, f, 0);
        ar.mul(f, 0, f, 0, w, t); // f^(p⁶ − 1)
        Bls381Fp12.copy(w, t, f, 0);
        ar.frobenius(f, 0, f, 0);
        ar.frobenius(f, 0, f, 0);
        ar.mul(f, 0, f, 0, w, t); // ·(p² + 1): f is now in the cyclotomic subgroup
        ar.cyclotomicSqr(w, y0, f, 0); // f²
        powU(ar, w, y1, w, y0, ABS_U); // f^(2u)
        powU(ar, w, y2, w, y1, ABS_U >>> 1); // f^(u²)
        Bls381Fp12.conj(w, y3, f, 0);
        ar.mul(w, y1, w, y1, w, y3);
        Bls381Fp12.conj(w, y1, w, y1);
        ar.mul(w, y1, w, y1, w, y2); // f^((u − 1)²)
        powU(ar, w, y2, w, y1, ABS_U); // f^(u(u − 1)²)
        powU(ar, w, y3, w, y2, ABS_U); // f^(u²(u − 1)²)
        Bls381Fp12.conj(w, t, w, y1);
        ar.mul(w, y3, w, y3, w, t); // f^((u² − 1)(u − 1)²)
        ar.frobenius(w, y1, w, y1);
        ar.frobenius(w, y1, w, y1);
        ar.frobenius(w, y1, w, y1);
        ar.frobenius(w, y2, w, y2);
        ar.frobenius(w, y2, w, y2);
        ar.mul(w, y1, w, y1, w, y2);
        powU(ar, w, y2, w, y3, ABS_U);
        ar.mul(w, y2, w, y2, w, y0);
        ar.mul(w, y2, w, y2, f, 0);
        ar.mul(w, y1, w, y1, w, y2);
        ar.frobenius(w, y2, w, y3);
        ar.mul(f, 0, w, y1, w, y2);
    }

    /** (1/Py, Px/Py) of an affine G1 point (public; Py ≠ 0 for points of order r), the input of the scaled lines. */
    private static long[] lineInput(long[] p) {
        BigInteger yInverse = Bls381Fp.value(p, F).modInverse(Bls381Fp.MODULUS);
        long[] q = new long[2 * F];
        Bls381Fp.set(q, 0, yInverse);
        Bls381Fp.set(q, F, Bls381Fp.value(p, 0).multiply(yInverse));
        return q;
    }

    /** r = x^(−e) for x in the cyclotomic subgroup (public e: square-and-multiply, conj inverts). */
    private static void powU(Bls381Fp12 ar, long[] r, int ro, long[] x, int xo, long e) {
        Bls381Fp12.copy(r, ro, x, xo);
        for (int i = 62 - Long.numberOfLeadingZeros(e); i >= 0; i--) {
            ar.cyclotomicSqr(r, ro, r, ro);
            if (((e >>> i) & 1) != 0) {
                ar.mul(r, ro, r, ro, x, xo);
            }
        }
        Bls381Fp12.conj(r, ro, r, ro);
    }

    /** AMCL's doubling line at A (M-type), split into constants; doubles A. */
    private static FP2[] doubling(ECP2 a) {
        FP2 xx = new FP2(a.getx());
        FP2 yy = new FP2(a.gety());
        FP2 zz = new FP2(a.getz());
        FP2 yz = new FP2(yy);
        yz.mul(zz);
        xx.sqr();
        yy.sqr();
        zz.sqr();
        yz.imul(4);
        yz.neg();
        yz.norm();
        yz.mul_ip(); // M-type: the i_p factor commutes with the later multiplication by Py
        yz.norm();
        xx.imul(6);
        zz.imul(3 * ROM.CURVE_B_I);
        zz.mul_ip();
        zz.add(zz);
        zz.norm();
        yy.add(yy);
        zz.sub(yy);
        zz.norm();
        a.dbl();
        return new FP2[] {yz, zz, xx};
    }

    /** AMCL's addition line at A with affine B (M-type), split into constants; adds B to A. */
    private static FP2[] addition(ECP2 a, ECP2 b) {
        FP2 x1 = new FP2(a.getx());
        FP2 y1 = new FP2(a.gety());
        FP2 t1 = new FP2(a.getz());
        FP2 t2 = new FP2(a.getz());
        t1.mul(b.gety());
        t2.mul(b.getx());
        x1.sub(t2);
        x1.norm();
        y1.sub(t1);
        y1.norm();
        t1.copy(x1);
        FP2 yCoeff = new FP2(x1);
        yCoeff.mul_ip();
        yCoeff.norm();
        t1.mul(b.gety());
        t2.copy(y1);
        t2.mul(b.getx());
        t2.sub(t1);
        t2.norm();
        FP2 xCoeff = new FP2(y1);
        xCoeff.neg();
        xCoeff.norm();
        a.add(b);
        return new FP2[] {yCoeff, t2, xCoeff};
    }
}
