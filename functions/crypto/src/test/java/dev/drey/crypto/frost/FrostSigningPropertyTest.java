package dev.drey.crypto.frost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.crypto.Bip340;
import dev.drey.crypto.Point;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.Schnorr;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random (t, n), random signer subsets, both variants: every group signature verifies. */
class FrostSigningPropertyTest {

    @Test
    void randomThresholdsAndSubsetsSignAndVerify() {
        Random rnd = new Random(20240901L);
        SecureRandom rng = FrostTestSupport.seeded(1);
        boolean oddGroupKey = false;
        boolean evenGroupKey = false;
        boolean oddR = false;
        boolean evenR = false;
        for (int iter = 0; iter < 60; iter++) {
            int t = 2 + rnd.nextInt(7);
            int n = t + rnd.nextInt(6);
            Dealer.Output dealt = Dealer.generate(t, n, rng);
            Map<Identifier, KeyPackage> keys = dealt.keyPackages();
            PublicKeyPackage pub = dealt.publicKeyPackage();
            List<Identifier> signers = FrostTestSupport.subset(keys.keySet(), t + rnd.nextInt(n - t + 1), rnd);
            byte[] msg = ("message " + iter).getBytes(StandardCharsets.UTF_8);
            for (Ciphersuite cs : Ciphersuite.values()) {
                FrostTestSupport.Run run = FrostTestSupport.sign(cs, keys, signers, msg, rng);
                for (SignatureShare s : run.shares()) {
                    assertTrue(run.session().verifyShare(s, pub.verifyingShare(s.identifier())));
                }
                byte[] sig = Aggregate.aggregate(run.session(), run.shares(), pub);
                assertEquals(cs.signatureLength(), sig.length);
                assertTrue(cs.verify(pub.groupPublicKey(), msg, sig));
                if (cs == Ciphersuite.BIP340) {
                    byte[] x = pub.groupPublicKey().xOnly();
                    assertTrue(Bip340.FINAL.verify(x, msg, sig), "BIP-340 verifier rejects a group signature");
                    assertTrue(Schnorr.verify(x, msg, sig));
                    oddGroupKey |= run.session().sharesNegated();
                    evenGroupKey |= !run.session().sharesNegated();
                    oddR |= run.session().noncesNegated();
                    evenR |= !run.session().noncesNegated();
                    assertEquals(pub.groupPublicKey().hasEvenY(), !run.session().sharesNegated());
                }
            }
        }
        assertTrue(oddGroupKey && evenGroupKey, "both group key parities must have occurred");
        assertTrue(oddR && evenR, "both group commitment parities must have occurred");
    }

    @Test
    void largeGroupsSign() {
        SecureRandom rng = FrostTestSupport.seeded(2);
        Random rnd = new Random(7);
        int[][] sizes = {{20, 30}, {67, 100}};
        for (int[] tn : sizes) {
            Dealer.Output dealt = Dealer.generate(tn[0], tn[1], rng);
            Map<Identifier, KeyPackage> keys = dealt.keyPackages();
            List<Identifier> signers = FrostTestSupport.subset(keys.keySet(), tn[0], rnd);
            byte[] msg = new byte[32];
            rng.nextBytes(msg);
            FrostTestSupport.Run run = FrostTestSupport.sign(Ciphersuite.BIP340, keys, signers, msg, rng);
            byte[] sig = Aggregate.aggregate(run.session(), run.shares(), dealt.publicKeyPackage());
            assertTrue(Schnorr.verify(dealt.publicKeyPackage().groupPublicKey().xOnly(), msg, sig));
        }
    }

    @Test
    void aggregationNamesEveryBadSigner() {
        SecureRandom rng = FrostTestSupport.seeded(3);
        Random rnd = new Random(11);
        for (int iter = 0; iter < 12; iter++) {
            int t = 3 + rnd.nextInt(5);
            Dealer.Output dealt = Dealer.generate(t, t + 2, rng);
            Map<Identifier, KeyPackage> keys = dealt.keyPackages();
            List<Identifier> signers = FrostTestSupport.subset(keys.keySet(), t + 1, rnd);
            Ciphersuite cs = Ciphersuite.values()[iter % 2];
            FrostTestSupport.Run run = FrostTestSupport.sign(cs, keys, signers, new byte[] {1, 2, 3}, rng);
            List<Identifier> cheaters = FrostTestSupport.subset(signers, 1 + rnd.nextInt(signers.size()), rnd);
            List<SignatureShare> shares = new ArrayList<>();
            for (SignatureShare s : run.shares()) {
                shares.add(cheaters.contains(s.identifier())
                        ? new SignatureShare(s.identifier(), s.share().add(Scalar.ONE)) : s);
            }
            FrostException e = assertThrows(FrostException.class,
                    () -> Aggregate.aggregate(run.session(), shares, dealt.publicKeyPackage()));
            assertEquals(FrostException.Fault.INVALID_SIGNATURE_SHARE, e.fault());
            assertEquals(cheaters, e.culprits());
        }
    }

    @Test
    void sharesFromTheWrongKeyAreBlamed() {
        SecureRandom rng = FrostTestSupport.seeded(4);
        Dealer.Output a = Dealer.generate(2, 3, rng);
        Dealer.Output b = Dealer.generate(2, 3, rng);
        Map<Identifier, KeyPackage> keys = new java.util.TreeMap<>(a.keyPackages());
        KeyPackage foreign = b.keyPackages().get(Identifier.of(2));
        // Signer 2 signs with a share of another group but claims this group's key.
        keys.put(Identifier.of(2), new KeyPackage(foreign.identifier(), foreign.signingShare(),
                foreign.verifyingShare(), a.publicKeyPackage().groupPublicKey(), 2));
        FrostTestSupport.Run run = FrostTestSupport.sign(Ciphersuite.BIP340, keys,
                List.of(Identifier.of(1), Identifier.of(2)), new byte[0], rng);
        FrostException e = assertThrows(FrostException.class,
                () -> Aggregate.aggregate(run.session(), run.shares(), a.publicKeyPackage()));
        assertEquals(List.of(Identifier.of(2)), e.culprits());
    }

    @Test
    void belowThresholdIsRefused() {
        SecureRandom rng = FrostTestSupport.seeded(5);
        Dealer.Output dealt = Dealer.generate(3, 5, rng);
        Map<Identifier, KeyPackage> keys = dealt.keyPackages();
        List<Identifier> two = List.of(Identifier.of(1), Identifier.of(4));
        FrostException e = assertThrows(FrostException.class,
                () -> FrostTestSupport.sign(Ciphersuite.BIP340, keys, two, new byte[1], rng));
        assertEquals(FrostException.Fault.INVALID_PARAMETER, e.fault());
    }

    @Test
    void missingAndStrayShares() {
        SecureRandom rng = FrostTestSupport.seeded(6);
        Dealer.Output dealt = Dealer.generate(2, 4, rng);
        Map<Identifier, KeyPackage> keys = dealt.keyPackages();
        FrostTestSupport.Run run = FrostTestSupport.sign(Ciphersuite.RFC9591, keys,
                List.of(Identifier.of(1), Identifier.of(3)), new byte[] {9}, rng);
        FrostException missing = assertThrows(FrostException.class,
                () -> Aggregate.aggregate(run.session(), run.shares().subList(0, 1), dealt.publicKeyPackage()));
        assertEquals(List.of(Identifier.of(3)), missing.culprits());
        List<SignatureShare> stray = new ArrayList<>(run.shares());
        stray.add(new SignatureShare(Identifier.of(4), Scalar.ONE));
        FrostException e = assertThrows(FrostException.class,
                () -> Aggregate.aggregate(run.session(), stray, dealt.publicKeyPackage()));
        assertEquals(List.of(Identifier.of(4)), e.culprits());
    }

    @Test
    void nonceRandomnessIsMixedWithTheSecret() {
        byte[] rand = new byte[32];
        Scalar a = Round1.nonceGenerate(Ciphersuite.RFC9591, Scalar.of(1), rand);
        Scalar b = Round1.nonceGenerate(Ciphersuite.RFC9591, Scalar.of(2), rand);
        assertFalse(a.equals(b));
        SigningNonces n = Round1.commit(Ciphersuite.RFC9591, Identifier.of(1), Scalar.of(1), rand, rand);
        assertEquals(Point.mulG(a), n.commitments().hiding());
        assertArrayEquals(n.commitments().encode(),
                SigningCommitments.decode(Identifier.of(1), n.commitments().encode()).encode());
    }
}
