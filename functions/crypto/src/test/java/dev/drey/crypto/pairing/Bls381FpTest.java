package dev.drey.crypto.pairing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The limb arithmetic of GF(p) against BigInteger, on random elements and on the edges (0, 1, p − 1, 2^k). */
class Bls381FpTest {
    private static final BigInteger P = Bls381Fp.MODULUS;
    private final Random rng = new Random(381);

    private List<BigInteger> samples() {
        List<BigInteger> s = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO,
                P.subtract(BigInteger.ONE), P.subtract(BigInteger.TWO), P.shiftRight(1), P.shiftRight(1).add(BigInteger.ONE)));
        for (int k = 0; k < 381; k += 54) {
            s.add(BigInteger.ONE.shiftLeft(k));
            s.add(BigInteger.ONE.shiftLeft(k).subtract(BigInteger.ONE));
        }
        for (int i = 0; i < 300; i++) {
            s.add(new BigInteger(381, rng).mod(P));
        }
        return s;
    }

    private static long[] of(BigInteger x) {
        long[] a = new long[Bls381Fp.LIMBS];
        Bls381Fp.set(a, 0, x);
        return a;
    }

    @Test
    void roundTrip() {
        for (BigInteger x : samples()) {
            assertEquals(x, Bls381Fp.value(of(x), 0));
        }
    }

    @Test
    void operationsAgreeWithBigInteger() {
        List<BigInteger> s = samples();
        long[] r = new long[Bls381Fp.LIMBS];
        for (int i = 0; i < s.size(); i++) {
            BigInteger x = s.get(i);
            BigInteger y = s.get((i * 7 + 3) % s.size());
            Bls381Fp.mul(r, 0, of(x), 0, of(y), 0);
            assertEquals(x.multiply(y).mod(P), Bls381Fp.value(r, 0), "mul");
            Bls381Fp.sqr(r, 0, of(x), 0);
            assertEquals(x.multiply(x).mod(P), Bls381Fp.value(r, 0), "sqr");
            Bls381Fp.add(r, 0, of(x), 0, of(y), 0);
            assertEquals(x.add(y).mod(P), Bls381Fp.value(r, 0), "add");
            Bls381Fp.sub(r, 0, of(x), 0, of(y), 0);
            assertEquals(x.subtract(y).mod(P), Bls381Fp.value(r, 0), "sub");
            Bls381Fp.neg(r, 0, of(x), 0);
            assertEquals(x.negate().mod(P), Bls381Fp.value(r, 0), "neg");
            long[] limbs = of(x);
            for (long limb : limbs) {
                assertTrue(limb >= 0 && limb < 1L << 55, "limbs stay normalised");
            }
        }
    }

    @Test
    void inverse() {
        long[] r = new long[Bls381Fp.LIMBS];
        for (BigInteger x : samples().subList(0, 60)) {
            Bls381Fp.inverse(r, 0, of(x), 0);
            assertEquals(x.signum() == 0 ? BigInteger.ZERO : x.modInverse(P), Bls381Fp.value(r, 0));
        }
    }

    @Test
    void inPlaceOperands() {
        BigInteger x = new BigInteger(381, rng).mod(P);
        long[] a = of(x);
        Bls381Fp.mul(a, 0, a, 0, a, 0);
        Bls381Fp.sqr(a, 0, a, 0);
        assertEquals(x.pow(4).mod(P), Bls381Fp.value(a, 0));
    }

    @Test
    void lazyReductionAgreesWithBigInteger() {
        List<BigInteger> s = samples();
        long[] w = new long[4 * Bls381Fp.LIMBS];
        long[] r = new long[Bls381Fp.LIMBS];
        BigInteger rInv = BigInteger.ONE.shiftLeft(385).modInverse(P);
        for (int i = 0; i < s.size(); i++) {
            BigInteger x = s.get(i);
            BigInteger y = s.get((i * 5 + 1) % s.size());
            // (x + y) unreduced, squared wide, reduced: the largest operands the Fp2 multiplication uses
            long[] sum = new long[Bls381Fp.LIMBS];
            Bls381Fp.addNoReduce(sum, 0, of(x), 0, of(y), 0);
            Bls381Fp.mulWide(w, 0, sum, 0, sum, 0);
            Bls381Fp.redc(r, 0, w, 0);
            BigInteger xm = x.shiftLeft(385).mod(P);
            BigInteger ym = y.shiftLeft(385).mod(P);
            assertEquals(xm.add(ym).pow(2).multiply(rInv).multiply(rInv).mod(P), Bls381Fp.value(r, 0), "wide square");
            // x·x − y·y made non-negative, then reduced
            Bls381Fp.mulWide(w, 0, of(x), 0, of(x), 0);
            Bls381Fp.mulWide(w, 2 * Bls381Fp.LIMBS, of(y), 0, of(y), 0);
            Bls381Fp.subWide(w, 0, w, 0, w, 2 * Bls381Fp.LIMBS);
            Bls381Fp.addShiftedModulus(w, 0, w, 0);
            Bls381Fp.redc(r, 0, w, 0);
            assertEquals(x.pow(2).subtract(y.pow(2)).mod(P), Bls381Fp.value(r, 0), "difference of products");
        }
    }
}
