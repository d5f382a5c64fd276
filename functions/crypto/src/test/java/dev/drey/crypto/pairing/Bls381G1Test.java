package dev.drey.crypto.pairing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Random;
import org.apache.milagro.amcl.BLS381.ECP;
import org.junit.jupiter.api.Test;

/** G1 arithmetic on the own field against AMCL's ECP: doubling, both additions with their special cases, GLV multiplication. */
class Bls381G1Test {
    private final Random rng = new Random(1);
    private final Bls381G1 g1 = new Bls381G1();

    private ECP randomG1() {
        return ECP.generator().mul(Bls381Curve.big(new BigInteger(250, rng)));
    }

    private static long[] jacobian(ECP p) {
        long[] j = new long[Bls381G1.SIZE];
        System.arraycopy(Bls381G1.affine(p), 0, j, 0, Bls381G1.AFFINE);
        Bls381Fp.set(j, Bls381G1.AFFINE, BigInteger.ONE);
        return j;
    }

    private static byte[] amcl(long[] jacobianPoint) {
        if (Bls381G1.isIdentity(jacobianPoint, 0)) {
            return Bls381Curve.encode(new ECP());
        }
        long[] a = new long[Bls381G1.AFFINE];
        Bls381G1.toAffine(a, 0, jacobianPoint, 0);
        ECP p = new ECP(Bls381Curve.big(Bls381Fp.value(a, 0)), Bls381Curve.big(Bls381Fp.value(a, Bls381Fp.LIMBS)));
        return Bls381Curve.encode(p);
    }

    @Test
    void doublingAndAdditionAgreeWithAmcl() {
        for (int i = 0; i < 20; i++) {
            ECP p = randomG1();
            ECP q = randomG1();
            long[] r = new long[Bls381G1.SIZE];
            g1.dbl(r, 0, jacobian(p), 0);
            ECP e = new ECP(p);
            e.dbl();
            assertArrayEquals(Bls381Curve.encode(e), amcl(r), "dbl");

            // a non-trivial Z: 2P + Q both ways
            long[] twoP = r.clone();
            g1.addAffine(r, 0, twoP, 0, Bls381G1.affine(q), 0);
            e.add(q);
            assertArrayEquals(Bls381Curve.encode(e), amcl(r), "addAffine");
            long[] twoQ = new long[Bls381G1.SIZE];
            g1.dbl(twoQ, 0, jacobian(q), 0);
            g1.add(r, 0, twoP, 0, twoQ, 0);
            e = new ECP(p);
            e.add(q);
            e.dbl();
            assertArrayEquals(Bls381Curve.encode(e), amcl(r), "add");
        }
    }

    @Test
    void specialCasesOfTheAddition() {
        ECP p = randomG1();
        long[] twoP = new long[Bls381G1.SIZE];
        g1.dbl(twoP, 0, jacobian(p), 0);
        long[] r = new long[Bls381G1.SIZE];
        g1.addAffine(r, 0, jacobian(p), 0, Bls381G1.affine(p), 0); // P + P
        assertArrayEquals(amcl(twoP), amcl(r));
        ECP minusP = new ECP(p);
        minusP.neg();
        g1.addAffine(r, 0, jacobian(p), 0, Bls381G1.affine(minusP), 0); // P − P
        assertTrue(Bls381G1.isIdentity(r, 0));
        g1.add(r, 0, jacobian(p), 0, jacobian(p), 0);
        assertArrayEquals(amcl(twoP), amcl(r));
        g1.add(r, 0, jacobian(p), 0, jacobian(minusP), 0);
        assertTrue(Bls381G1.isIdentity(r, 0));
    }

    @Test
    void glvMultiplicationAgreesWithAmcl() {
        BigInteger order = PairingCurves.BLS381.order();
        for (int i = 0; i < 20; i++) {
            ECP p = randomG1();
            BigInteger k = i == 0 ? BigInteger.ONE : i == 1 ? order.subtract(BigInteger.ONE) : new BigInteger(384, rng);
            ECP e = p.mul(Bls381Curve.big(k.mod(order)));
            assertArrayEquals(Bls381Curve.encode(e), amcl(g1.mul(Bls381G1.affine(p), k)), "k = " + k);
        }
        assertTrue(Bls381G1.isIdentity(g1.mul(Bls381G1.affine(randomG1()), order), 0));
    }
}
