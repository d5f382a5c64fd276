package dev.drey.crypto.pairing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.List;
import org.apache.milagro.amcl.BLS381.BIG;
import org.apache.milagro.amcl.BLS381.ECP;
import org.apache.milagro.amcl.BLS381.ROM;
import org.junit.jupiter.api.Test;

/** The endomorphism G1 test against the definition (r·P = O) on honest and malicious points. */
class Bls381SubgroupTest {
    private static final BigInteger R = Bls381Curve.toBigInteger(new BIG(ROM.CURVE_Order));
    private static final BigInteger U = new BigInteger("-d201000000010000", 16);
    /** The G1 cofactor (u − 1)²/3 = 3 · 11² · 10177² · 859267² · 52437899². */
    private static final BigInteger H = U.subtract(BigInteger.ONE).pow(2).divide(BigInteger.valueOf(3));
    private static final List<Long> COFACTOR_PRIMES = List.of(3L, 11L, 10177L, 859267L, 52437899L);
    private final SecureRandom rng = new SecureRandom();

    @Test
    void cofactorIsWhatTheTestAssumes() {
        BigInteger h = BigInteger.valueOf(3).multiply(BigInteger.valueOf(11).pow(2))
                .multiply(BigInteger.valueOf(10177).pow(2)).multiply(BigInteger.valueOf(859267).pow(2))
                .multiply(BigInteger.valueOf(52437899).pow(2));
        assertEquals(h, H);
        // −u² is a cube root of unity mod r: the eigenvalue of φ on G1
        BigInteger l = U.pow(2).negate().mod(R);
        assertEquals(BigInteger.ZERO, l.multiply(l).add(l).add(BigInteger.ONE).mod(R));
    }

    @Test
    void g1PointsPass() {
        for (int i = 0; i < 40; i++) {
            ECP p = ECP.generator().mul(Bls381Curve.big(new BigInteger(255, rng).mod(R)));
            if (p.is_infinity()) {
                continue;
            }
            assertTrue(Bls381Subgroup.byOrder(p));
            assertTrue(Bls381Subgroup.contains(p));
            ECP q = ECP.mapit(random(48)); // hashed identities (cofactor cleared) too
            assertTrue(Bls381Subgroup.byOrder(q));
            assertTrue(Bls381Subgroup.contains(q));
        }
        assertTrue(Bls381Subgroup.contains(ECP.generator()));
    }

    @Test
    void randomPointsOfTheWholeCurveAgreeWithTheDefinition() {
        int outside = 0;
        for (int i = 0; i < 200; i++) {
            ECP p = randomCurvePoint();
            boolean byOrder = Bls381Subgroup.byOrder(p);
            assertEquals(byOrder, Bls381Subgroup.contains(p));
            outside += byOrder ? 0 : 1;
        }
        assertTrue(outside > 190, "random points of E(Fp) are almost never in G1");
    }

    /** G1 point + a point of prime order q | h: every small-order component is caught. */
    @Test
    void pointsWithASmallOrderComponentFail() {
        for (long q : COFACTOR_PRIMES) {
            // the q-primary part of a random point (q² divides h for q > 3, and E(Fp) may hold Z/q × Z/q),
            // then multiplied by q until one more multiplication would give O: a point of order exactly q
            BigInteger qq = BigInteger.valueOf(q);
            BigInteger m = H;
            while (m.mod(qq).signum() == 0) {
                m = m.divide(qq);
            }
            ECP t = new ECP();
            while (t.is_infinity()) {
                t = times(times(randomCurvePoint(), m), R);
            }
            for (ECP next = times(t, qq); !next.is_infinity(); next = times(t, qq)) {
                t = next;
            }
            assertTrue(times(t, BigInteger.valueOf(q)).is_infinity(), "order " + q);
            assertFalse(Bls381Subgroup.byOrder(t));
            assertFalse(Bls381Subgroup.contains(t), "pure order " + q);
            ECP p = ECP.generator().mul(Bls381Curve.big(new BigInteger(250, rng)));
            p.add(t);
            assertFalse(Bls381Subgroup.byOrder(p));
            assertFalse(Bls381Subgroup.contains(p), "G1 + order " + q);
        }
        // the whole cofactor part: (r)·X has order dividing h
        for (int i = 0; i < 20; i++) {
            ECP t = times(randomCurvePoint(), R);
            assertEquals(t.is_infinity(), Bls381Subgroup.contains(t));
        }
    }

    @Test
    void decodedPointsAreCheckedTheFastWay() {
        ECP outside = randomCurvePoint();
        byte[] enc = Bls381Curve.encode(outside);
        PairingException e = assertThrows(PairingException.class, () -> Bls381Curve.g1Checked(enc, "U"));
        assertTrue(e.getMessage().contains("not in the order-r subgroup"));
        byte[] inside = Bls381Curve.encode(ECP.generator().mul(Bls381Curve.big(BigInteger.valueOf(12345))));
        assertTrue(Bls381Subgroup.contains(Bls381Curve.g1Checked(inside, "U")));
    }

    private ECP randomCurvePoint() {
        while (true) {
            BIG x = BIG.fromBytes(random(48));
            x.mod(new BIG(ROM.Modulus));
            ECP p = new ECP(x);
            if (!p.is_infinity()) {
                return p;
            }
        }
    }

    /** k·P for k of any size, as repeated 255-bit pieces (AMCL's mul takes one BIG). */
    private static ECP times(ECP p, BigInteger k) {
        ECP acc = new ECP();
        ECP base = new ECP(p);
        BigInteger two = BigInteger.TWO.pow(200);
        // k = Σ k_j·2^(200 j): Horner over 200-bit limbs
        List<BigInteger> limbs = new java.util.ArrayList<>();
        for (BigInteger r = k; r.signum() > 0; r = r.shiftRight(200)) {
            limbs.add(r.mod(two));
        }
        for (int j = limbs.size() - 1; j >= 0; j--) {
            acc = acc.is_infinity() ? acc : acc.mul(Bls381Curve.big(two));
            ECP term = base.mul(Bls381Curve.big(limbs.get(j)));
            acc.add(term);
        }
        return acc;
    }

    private byte[] random(int n) {
        byte[] b = new byte[n];
        rng.nextBytes(b);
        return b;
    }
}
