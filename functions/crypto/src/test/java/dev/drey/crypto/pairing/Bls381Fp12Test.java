package dev.drey.crypto.pairing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Random;
import org.apache.milagro.amcl.BLS381.BIG;
import org.apache.milagro.amcl.BLS381.ECP;
import org.apache.milagro.amcl.BLS381.ECP2;
import org.apache.milagro.amcl.BLS381.FP;
import org.apache.milagro.amcl.BLS381.FP12;
import org.apache.milagro.amcl.BLS381.FP2;
import org.apache.milagro.amcl.BLS381.FP4;
import org.apache.milagro.amcl.BLS381.PAIR;
import org.apache.milagro.amcl.BLS381.ROM;
import org.junit.jupiter.api.Test;

/**
 * The GF(p¹²) tower and the pairing on it against AMCL: random elements through every operation, the
 * line multiplication against FP12.smul, the final exponentiation against PAIR.fexp and the pairing
 * product against PAIR.fexp(PAIR.ate2), byte for byte.
 */
class Bls381Fp12Test {
    private static final int N = Bls381Fp12.SIZE;
    private final Random rng = new Random(12);
    private final Bls381Fp12 ar = new Bls381Fp12();

    private long[] random() {
        long[] x = new long[N];
        for (int i = 0; i < 12; i++) {
            Bls381Fp.set(x, i * Bls381Fp.LIMBS, new BigInteger(390, rng));
        }
        return x;
    }

    private static byte[] bytes(FP12 x) {
        byte[] out = new byte[12 * BIG.MODBYTES];
        x.toBytes(out);
        return out;
    }

    private static byte[] bytes(long[] x) {
        return bytes(Bls381Fp12.toAmcl(x, 0));
    }

    /** An element of the cyclotomic subgroup: x^((p⁶ − 1)(p² + 1)) by AMCL. */
    private static FP12 cyclotomic(FP12 x) {
        FP12 inv = new FP12(x);
        inv.inverse();
        FP12 y = new FP12(x);
        y.conj();
        y.mul(inv);
        FP12 z = new FP12(y);
        FP2 frob = new FP2(new BIG(ROM.Fra), new BIG(ROM.Frb));
        z.frob(frob);
        z.frob(frob);
        z.mul(y);
        return z;
    }

    @Test
    void arithmeticAgreesWithAmcl() {
        FP2 frob = new FP2(new BIG(ROM.Fra), new BIG(ROM.Frb));
        for (int i = 0; i < 25; i++) {
            long[] x = random();
            long[] y = random();
            FP12 ax = Bls381Fp12.toAmcl(x, 0);
            FP12 ay = Bls381Fp12.toAmcl(y, 0);
            long[] r = new long[N];

            ar.mul(r, 0, x, 0, y, 0);
            FP12 e = new FP12(ax);
            e.mul(ay);
            assertArrayEquals(bytes(e), bytes(r), "mul");

            ar.sqr(r, 0, x, 0);
            e = new FP12(ax);
            e.sqr();
            assertArrayEquals(bytes(e), bytes(r), "sqr");

            ar.inverse(r, 0, x, 0);
            e = new FP12(ax);
            e.inverse();
            assertArrayEquals(bytes(e), bytes(r), "inverse");

            Bls381Fp12.conj(r, 0, x, 0);
            e = new FP12(ax);
            e.conj();
            assertArrayEquals(bytes(e), bytes(r), "conj");

            ar.frobenius(r, 0, x, 0);
            e = new FP12(ax);
            e.frob(frob);
            assertArrayEquals(bytes(e), bytes(r), "frobenius");

            FP12 c = cyclotomic(ax);
            long[] cx = new long[N];
            Bls381Fp12.set(cx, 0, c);
            ar.cyclotomicSqr(r, 0, cx, 0);
            e = new FP12(c);
            e.usqr();
            assertArrayEquals(bytes(e), bytes(r), "cyclotomic squaring");
            ar.sqr(cx, 0, cx, 0);
            assertArrayEquals(bytes(cx), bytes(r), "cyclotomic squaring = squaring there");

            // in place: r = r·y, r = r²
            Bls381Fp12.copy(r, 0, x, 0);
            ar.mul(r, 0, r, 0, y, 0);
            ar.sqr(r, 0, r, 0);
            e = new FP12(ax);
            e.mul(ay);
            e.sqr();
            assertArrayEquals(bytes(e), bytes(r), "in place");
        }
    }

    @Test
    void lineMultiplicationAgreesWithAmclSparseMultiplication() {
        for (int i = 0; i < 25; i++) {
            long[] x = random();
            long[] line = new long[2 * Bls381Fp2.SIZE];
            long[] q = new long[2 * Bls381Fp.LIMBS];
            for (int k = 0; k < 4; k++) {
                Bls381Fp.set(line, k * Bls381Fp.LIMBS, new BigInteger(390, rng));
            }
            Bls381Fp.set(q, 0, new BigInteger(390, rng));
            Bls381Fp.set(q, Bls381Fp.LIMBS, new BigInteger(390, rng));
            long[] r = new long[N];
            ar.mulByLine(r, 0, x, 0, line, 0, q);

            // AMCL: the sparse element 1 + μ·j + ν·j·k² through smul
            FP mu = new FP(Bls381Curve.big(Bls381Fp.value(q, 0)));
            FP2 m = Bls381Fp2.toAmcl(line, 0);
            m.pmul(mu);
            FP2 n = Bls381Fp2.toAmcl(line, Bls381Fp2.SIZE);
            n.pmul(new FP(Bls381Curve.big(Bls381Fp.value(q, Bls381Fp.LIMBS))));
            FP4 cc = new FP4(n);
            cc.times_i();
            FP12 amclLine = new FP12(new FP4(new FP2(1), m), new FP4(0), cc);
            FP12 e = Bls381Fp12.toAmcl(x, 0);
            e.smul(amclLine, ECP.SEXTIC_TWIST);
            assertArrayEquals(bytes(e), bytes(r));
        }
    }

    @Test
    void pairingAgreesWithAmcl() {
        for (int i = 0; i < 4; i++) {
            ECP2 q1 = ECP2.generator().mul(Bls381Curve.big(new BigInteger(250, rng)));
            ECP2 q2 = ECP2.generator().mul(Bls381Curve.big(new BigInteger(250, rng)));
            ECP p1 = ECP.generator().mul(Bls381Curve.big(new BigInteger(250, rng)));
            byte[] hash = new byte[48];
            rng.nextBytes(hash);
            ECP p2 = ECP.mapit(hash); // a hashed identity, as the server's y·H(ID) + U
            p1.affine();
            p2.affine();
            Bls381FixedPairing f1 = new Bls381FixedPairing(q1);
            Bls381FixedPairing f2 = new Bls381FixedPairing(q2);

            long[] f = Bls381FixedPairing.millerLoop(ar, f1, Bls381G1.affine(p1), f2, Bls381G1.affine(p2));
            FP12 amcl = PAIR.ate2(q1, p1, q2, p2);
            // the scaled lines change the Miller-loop value by a factor in GF(p²) only
            Bls381FixedPairing.finalExponentiation(ar, f);
            assertArrayEquals(bytes(PAIR.fexp(amcl)), bytes(f), "pairing product");

            // the final exponentiation alone, on AMCL's own Miller-loop value
            long[] g = new long[N];
            Bls381Fp12.set(g, 0, amcl);
            Bls381FixedPairing.finalExponentiation(ar, g);
            assertArrayEquals(bytes(PAIR.fexp(amcl)), bytes(g), "final exponentiation");
            assertFalse(Bls381Fp12.isOne(f, 0));
        }
    }

    @Test
    void productOfInversePairingsIsOne() {
        BigInteger a = new BigInteger(250, rng);
        BigInteger b = new BigInteger(250, rng);
        ECP2 q = ECP2.generator();
        ECP2 aq = q.mul(Bls381Curve.big(a));
        ECP p = ECP.generator().mul(Bls381Curve.big(b));
        ECP minusAbP = ECP.generator().mul(Bls381Curve.big(a.multiply(b).mod(PairingCurves.BLS381.order())));
        minusAbP.neg();
        p.affine();
        minusAbP.affine();
        // e(aQ, bP)·e(Q, −abP) = 1
        assertTrue(Bls381FixedPairing.productIsOne(new Bls381FixedPairing(aq), Bls381G1.affine(p), new Bls381FixedPairing(q),
                Bls381G1.affine(minusAbP)));
        assertFalse(Bls381FixedPairing.productIsOne(new Bls381FixedPairing(aq), Bls381G1.affine(p), new Bls381FixedPairing(q),
                Bls381G1.affine(p)));
    }
}
