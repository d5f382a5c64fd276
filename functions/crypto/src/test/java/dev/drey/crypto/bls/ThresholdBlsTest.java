package dev.drey.crypto.bls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.crypto.pairing.DleqProof;
import dev.drey.crypto.pairing.Lagrange;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Threshold BLS: partials with proofs, aggregation by any t, culprits named, beacons and VRF outputs verify. */
class ThresholdBlsTest {
    private final SecureRandom rng = seeded(7);
    private final BlsDealer.Dealt dealt = BlsDealer.deal(3, 5, rng);
    private final ChainInfo chain = new ChainInfo(dealt.groupKey().publicKey(), 3, 1_700_000_000L, new byte[32],
            BeaconScheme.ID, "drey-test");

    private static SecureRandom seeded(int seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<PartialSignature> partials(ThresholdMessage m, int... indices) {
        List<PartialSignature> out = new ArrayList<>();
        for (int i : indices) {
            out.add(ThresholdBls.sign(dealt.shares().get(i - 1), m, rng));
        }
        return out;
    }

    @Test
    void anyThresholdSubsetGivesTheSameBeaconAndItVerifies() {
        BeaconVerifier verifier = new BeaconVerifier(chain);
        for (long round = 1; round <= 2; round++) {
            ThresholdMessage m = ThresholdMessage.beaconRound(chain.hash(), round);
            G1Point a = ThresholdBls.aggregate(dealt.groupKey(), m, partials(m, 1, 2, 3)).signature();
            G1Point b = ThresholdBls.aggregate(dealt.groupKey(), m, partials(m, 5, 3, 4)).signature();
            assertEquals(a, b, "unique: every t-subset interpolates the same signature");
            Beacon beacon = Beacon.of(round, a);
            assertTrue(verifier.verify(beacon).valid(), verifier.verify(beacon).reason());
            assertFalse(verifier.verify(new Beacon(round + 1, beacon.randomness(), beacon.signature())).valid());
            byte[] r = beacon.randomness();
            r[0] ^= 1;
            BeaconVerifier.Verdict v = verifier.verify(new Beacon(round, r, beacon.signature()));
            assertTrue(v.reason().startsWith("randomness"), v.reason());
        }
    }

    @Test
    void partialProofsHoldAndAreBoundToTheirContext() {
        ThresholdMessage m = ThresholdMessage.beaconRound(chain.hash(), 9);
        G1Point h = m.point();
        PartialSignature p = partials(m, 2).get(0);
        assertTrue(ThresholdBls.verifyPartial(dealt.groupKey(), m, h, p));
        assertEquals(p, PartialSignature.fromBytes(2, p.toBytes()));
        ThresholdMessage other = ThresholdMessage.beaconRound(chain.hash(), 10);
        assertFalse(ThresholdBls.verifyPartial(dealt.groupKey(), other, other.point(), p), "another round");
        assertFalse(ThresholdBls.verifyPartial(dealt.groupKey(), m, h, new PartialSignature(3, p.sigma(), p.proof())),
                "another index");
        PartialSignature forged = new PartialSignature(2, p.sigma().add(G1Point.generator()), p.proof());
        assertFalse(ThresholdBls.verifyPartial(dealt.groupKey(), m, h, forged), "another sigma");
        assertThrows(BlsException.class, () -> PartialSignature.fromBytes(2, new byte[PartialSignature.BYTES]));
    }

    @Test
    void badPartialsAreNamedAndTheRestStillAggregate() {
        ThresholdMessage m = ThresholdMessage.beaconRound(chain.hash(), 4);
        List<PartialSignature> ps = partials(m, 1, 2, 3, 4, 5);
        PartialSignature good1 = ps.get(0);
        // index 1 sends a wrong sigma with its old proof; index 2 replays index 3's partial under its own index
        ps.set(0, new PartialSignature(1, good1.sigma().add(G1Point.generator()), good1.proof()));
        ps.set(1, new PartialSignature(2, ps.get(2).sigma(), ps.get(2).proof()));
        ThresholdBls.Aggregate agg = ThresholdBls.aggregate(dealt.groupKey(), m, ps);
        assertEquals(List.of(1, 2), agg.culprits());
        assertEquals(List.of(3, 4, 5), agg.signers());
        assertEquals(5, agg.proofsChecked());
        assertTrue(new BeaconVerifier(chain).verify(Beacon.of(4, agg.signature())).valid());
        BadPartialsException tooFew = assertThrows(BadPartialsException.class,
                () -> ThresholdBls.aggregate(dealt.groupKey(), m, ps.subList(0, 4)));
        assertEquals(List.of(1, 2), tooFew.culprits());
        assertThrows(BadPartialsException.class, () -> ThresholdBls.aggregate(dealt.groupKey(), m, ps.subList(2, 4)));
        assertThrows(BlsException.class, () -> ThresholdBls.aggregate(dealt.groupKey(), m, List.of(ps.get(2), ps.get(2), ps.get(3))));
    }

    @Test
    void vrfOnAnyInputVerifiesWithTheGroupKeyAlone() {
        byte[] input = "investor-check/2026-12".getBytes(StandardCharsets.UTF_8);
        ThresholdMessage m = ThresholdMessage.vrf(input);
        G1Point sig = ThresholdBls.aggregate(dealt.groupKey(), m, partials(m, 2, 4, 5)).signature();
        ThresholdVrf.Evaluation e = ThresholdVrf.Evaluation.of(input, sig);
        assertTrue(ThresholdVrf.verify(dealt.groupKey().publicKey(), e));
        Bls12381.PreparedG2 pk = new Bls12381.PreparedG2(dealt.groupKey().publicKey());
        assertNull(ThresholdVrf.check(pk, e));
        byte[] other = input.clone();
        other[0] ^= 1;
        assertTrue(ThresholdVrf.check(pk, new ThresholdVrf.Evaluation(other, e.output(), e.proof())).startsWith("proof"));
        byte[] out = e.output();
        out[31] ^= 1;
        assertTrue(ThresholdVrf.check(pk, new ThresholdVrf.Evaluation(input, out, e.proof())).startsWith("output"));
        // the same key's beacon signature on the same bytes is a different point: the DSTs separate them
        assertFalse(sig.equals(HashToCurve.hashToG1(input, BeaconScheme.DST).mul(BigInteger.ONE)));
    }

    @Test
    void batchedLagrangeMatchesTheDefinition() {
        List<Integer> idx = new ArrayList<>(List.of(1, 2, 5, 9, 40, 1000, 77, 3));
        Collections.shuffle(idx, new java.util.Random(3));
        BigInteger r = Bls12381.ORDER;
        BigInteger[] fast = Lagrange.atZero(idx, r);
        for (int a = 0; a < idx.size(); a++) {
            BigInteger num = BigInteger.ONE;
            BigInteger den = BigInteger.ONE;
            for (int b = 0; b < idx.size(); b++) {
                if (a != b) {
                    num = num.multiply(BigInteger.valueOf(idx.get(b))).mod(r);
                    den = den.multiply(BigInteger.valueOf(idx.get(b) - idx.get(a))).mod(r);
                }
            }
            assertEquals(num.multiply(den.modInverse(r)).mod(r), fast[a], "index " + idx.get(a));
        }
    }

    @Test
    void multiScalarMultiplicationMatchesTheSumOfProducts() {
        java.util.Random random = new java.util.Random(5);
        for (int n : new int[] {1, 2, 7, 40}) {
            List<PartialSignature> ps = new ArrayList<>();
            G1Point expected = G1Point.identity();
            BigInteger[] k = new BigInteger[n];
            org.apache.milagro.amcl.BLS381.ECP[] pts = new org.apache.milagro.amcl.BLS381.ECP[n];
            for (int i = 0; i < n; i++) {
                G1Point p = G1Point.generator().mul(new BigInteger(200, random).add(BigInteger.ONE));
                k[i] = new BigInteger(255, random);
                pts[i] = p.ecp();
                expected = expected.add(p.mul(k[i]));
            }
            assertEquals(expected, G1Point.ofTrusted(dev.drey.crypto.pairing.Bls381Kernels.g1MultiScalarMul(pts, k)), "n = " + n);
        }
    }

    @Test
    void shareSecretsStayOutOfStrings() {
        assertFalse(dealt.shares().get(0).toString().contains(dealt.shares().get(0).secret().toString()));
        assertFalse(dealt.toString().contains(dealt.shares().get(0).secret().toString(16)));
    }

    @Test
    void proofsCarryNoSecretAndTheWireFormRoundTrips() {
        ThresholdMessage m = ThresholdMessage.vrf(new byte[] {1, 2, 3});
        PartialSignature p = partials(m, 1).get(0);
        byte[] wire = p.toBytes();
        assertEquals(PartialSignature.BYTES, wire.length);
        PartialSignature back = PartialSignature.fromBytes(1, wire);
        assertArrayEquals(wire, back.toBytes());
        DleqProof proof = back.proof();
        assertTrue(proof.c().compareTo(Bls12381.ORDER) < 0 && proof.z().compareTo(Bls12381.ORDER) < 0);
    }
}
