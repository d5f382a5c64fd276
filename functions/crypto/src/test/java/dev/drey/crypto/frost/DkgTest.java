package dev.drey.crypto.frost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.crypto.Point;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.Schnorr;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Pedersen DKG among in-process participants: honest runs sign, cheaters are named. */
class DkgTest {

    /** Part 1 for everyone. */
    static Map<Identifier, Dkg.Part1> part1(int t, int n, SecureRandom rng) {
        Map<Identifier, Dkg.Part1> out = new TreeMap<>();
        for (Identifier id : Dealer.identifiers(n)) {
            out.put(id, Dkg.part1(Ciphersuite.BIP340, id, n, t, rng));
        }
        return out;
    }

    static Map<Identifier, Dkg.Round1Package> othersBroadcasts(Map<Identifier, Dkg.Part1> p1, Identifier self) {
        Map<Identifier, Dkg.Round1Package> m = new HashMap<>();
        p1.forEach((id, p) -> {
            if (!id.equals(self)) {
                m.put(id, p.broadcast());
            }
        });
        return m;
    }

    static Map<Identifier, Dkg.Result> run(int t, int n, SecureRandom rng) {
        Map<Identifier, Dkg.Part1> p1 = part1(t, n, rng);
        Map<Identifier, Dkg.Part2> p2 = new TreeMap<>();
        for (Identifier id : p1.keySet()) {
            p2.put(id, Dkg.part2(Ciphersuite.BIP340, p1.get(id).secret(), othersBroadcasts(p1, id)));
        }
        Map<Identifier, Dkg.Result> out = new TreeMap<>();
        for (Identifier id : p1.keySet()) {
            out.put(id, Dkg.part3(p2.get(id).secret(), received(p2, id), rng));
        }
        return out;
    }

    static Map<Identifier, Dkg.Round2Package> received(Map<Identifier, Dkg.Part2> p2, Identifier self) {
        Map<Identifier, Dkg.Round2Package> m = new HashMap<>();
        p2.forEach((id, p) -> {
            if (!id.equals(self)) {
                m.put(id, p.outgoing().get(self));
            }
        });
        return m;
    }

    @Test
    void honestRunsAgreeAndSign() {
        SecureRandom rng = FrostTestSupport.seeded(10);
        Random rnd = new Random(3);
        int[][] sizes = {{2, 2}, {2, 3}, {3, 5}, {5, 7}, {7, 10}};
        for (int[] tn : sizes) {
            Map<Identifier, Dkg.Result> results = run(tn[0], tn[1], rng);
            PublicKeyPackage pub = results.values().iterator().next().publicKeyPackage();
            Scalar secret = Scalar.ZERO;
            List<Identifier> firstT = Dealer.identifiers(tn[0]);
            for (Identifier id : firstT) {
                secret = secret.add(Lagrange.atZero(firstT, id).mul(results.get(id).keyPackage().signingShare()));
            }
            assertEquals(Point.mulG(secret), pub.groupPublicKey(), "shares interpolate to the group secret");
            Map<Identifier, KeyPackage> keys = new TreeMap<>();
            for (Map.Entry<Identifier, Dkg.Result> e : results.entrySet()) {
                assertEquals(pub, e.getValue().publicKeyPackage(), "every participant derives the same public data");
                keys.put(e.getKey(), e.getValue().keyPackage());
            }
            for (Ciphersuite cs : Ciphersuite.values()) {
                List<Identifier> signers = FrostTestSupport.subset(keys.keySet(), tn[0], rnd);
                byte[] msg = {1, 2, 3, (byte) tn[1]};
                FrostTestSupport.Run r = FrostTestSupport.sign(cs, keys, signers, msg, rng);
                byte[] sig = Aggregate.aggregate(r.session(), r.shares(), pub);
                assertTrue(cs.verify(pub.groupPublicKey(), msg, sig));
                if (cs == Ciphersuite.BIP340) {
                    assertTrue(Schnorr.verify(pub.groupPublicKey().xOnly(), msg, sig));
                }
            }
        }
    }

    @Test
    void badProofsOfKnowledgeNameEveryCheater() {
        SecureRandom rng = FrostTestSupport.seeded(11);
        Random rnd = new Random(5);
        int t = 3;
        int n = 7;
        for (int cheaters = 1; cheaters <= n - t; cheaters++) {
            Map<Identifier, Dkg.Part1> p1 = part1(t, n, rng);
            List<Identifier> bad = FrostTestSupport.subset(p1.keySet(), cheaters, rnd);
            Identifier honest = p1.keySet().stream().filter(id -> !bad.contains(id)).findFirst().orElseThrow();
            Map<Identifier, Dkg.Round1Package> seen = othersBroadcasts(p1, honest);
            for (int k = 0; k < bad.size(); k++) {
                Identifier c = bad.get(k);
                Dkg.Round1Package p = seen.get(c);
                // Alternate two ways of cheating: a wrong μ, and a proof replayed from another sender.
                Dkg.Round1Package forged = k % 2 == 0
                        ? new Dkg.Round1Package(p.commitment(), p.proofR(), p.proofMu().add(Scalar.ONE))
                        : new Dkg.Round1Package(p.commitment(), seen.get(otherThan(seen, c)).proofR(),
                                seen.get(otherThan(seen, c)).proofMu());
                seen.put(c, forged);
            }
            FrostException e = assertThrows(FrostException.class,
                    () -> Dkg.part2(Ciphersuite.BIP340, p1.get(honest).secret(), seen));
            assertEquals(FrostException.Fault.INVALID_PROOF_OF_KNOWLEDGE, e.fault());
            assertEquals(bad, e.culprits());
        }
    }

    private static Identifier otherThan(Map<Identifier, ?> m, Identifier c) {
        return m.keySet().stream().filter(id -> !id.equals(c)).findFirst().orElseThrow();
    }

    @Test
    void proofIsBoundToItsSender() {
        SecureRandom rng = FrostTestSupport.seeded(12);
        Map<Identifier, Dkg.Part1> p1 = part1(2, 3, rng);
        // Participant 3 copies participant 2's whole broadcast (rogue-key style): the proof fails for 3.
        Map<Identifier, Dkg.Round1Package> seen = othersBroadcasts(p1, Identifier.of(1));
        seen.put(Identifier.of(3), seen.get(Identifier.of(2)));
        FrostException e = assertThrows(FrostException.class,
                () -> Dkg.part2(Ciphersuite.BIP340, p1.get(Identifier.of(1)).secret(), seen));
        assertEquals(List.of(Identifier.of(3)), e.culprits());
    }

    @Test
    void inconsistentSharesNameEveryCheater() {
        SecureRandom rng = FrostTestSupport.seeded(13);
        Random rnd = new Random(8);
        int t = 3;
        int n = 7;
        for (int cheaters = 1; cheaters <= n - t; cheaters++) {
            Map<Identifier, Dkg.Part1> p1 = part1(t, n, rng);
            Map<Identifier, Dkg.Part2> p2 = new TreeMap<>();
            for (Identifier id : p1.keySet()) {
                p2.put(id, Dkg.part2(Ciphersuite.BIP340, p1.get(id).secret(), othersBroadcasts(p1, id)));
            }
            List<Identifier> bad = FrostTestSupport.subset(p1.keySet(), cheaters, rnd);
            Identifier victim = p1.keySet().stream().filter(id -> !bad.contains(id)).findFirst().orElseThrow();
            Map<Identifier, Dkg.Round2Package> in = received(p2, victim);
            for (Identifier c : bad) {
                in.put(c, new Dkg.Round2Package(in.get(c).signingShare().add(Scalar.of(cheaters))));
            }
            FrostException e = assertThrows(FrostException.class,
                    () -> Dkg.part3(p2.get(victim).secret(), in, rng));
            assertEquals(FrostException.Fault.INVALID_SECRET_SHARE, e.fault());
            assertEquals(bad, e.culprits());
        }
    }

    @Test
    void malformedRound1PackagesAreRefused() {
        SecureRandom rng = FrostTestSupport.seeded(14);
        Map<Identifier, Dkg.Part1> p1 = part1(3, 4, rng);
        Identifier self = Identifier.of(1);
        Map<Identifier, Dkg.Round1Package> seen = othersBroadcasts(p1, self);
        Dkg.Round1Package p = seen.get(Identifier.of(4));
        seen.put(Identifier.of(4), new Dkg.Round1Package(
                new VssCommitment(p.commitment().coefficients().subList(0, 2)), p.proofR(), p.proofMu()));
        FrostException e = assertThrows(FrostException.class,
                () -> Dkg.part2(Ciphersuite.BIP340, p1.get(self).secret(), seen));
        assertEquals(List.of(Identifier.of(4)), e.culprits());

        Map<Identifier, Dkg.Round1Package> missing = othersBroadcasts(p1, self);
        missing.remove(Identifier.of(2));
        assertEquals(FrostException.Fault.MISSING_INPUT, assertThrows(FrostException.class,
                () -> Dkg.part2(Ciphersuite.BIP340, p1.get(self).secret(), missing)).fault());

        Map<Identifier, Dkg.Round1Package> withSelf = othersBroadcasts(p1, self);
        withSelf.remove(Identifier.of(2));
        withSelf.put(self, p1.get(self).broadcast());
        assertEquals(FrostException.Fault.DUPLICATE_IDENTIFIER, assertThrows(FrostException.class,
                () -> Dkg.part2(Ciphersuite.BIP340, p1.get(self).secret(), withSelf)).fault());

        byte[] enc = p1.get(self).broadcast().commitment().encode();
        enc[33] = 0x05; // second point: not a compressed prefix
        FrostException bad = assertThrows(FrostException.class, () -> VssCommitment.decode(Identifier.of(9), enc));
        assertEquals(List.of(Identifier.of(9)), bad.culprits());
        byte[] high = new byte[33];
        java.util.Arrays.fill(high, (byte) 0xff);
        high[0] = 0x02; // x >= p
        assertEquals(FrostException.Fault.INVALID_ELEMENT, assertThrows(FrostException.class,
                () -> VssCommitment.decode(Identifier.of(9), high)).fault());
    }

    @Test
    void aProofOfKnowledgeBoundToOneContextIsRefusedUnderAnother() {
        SecureRandom rng = new SecureRandom();
        byte[] runA = "run-a|roster".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] runB = "run-b|roster".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Identifier sender = Identifier.of(2);
        Dkg.Round1Package bound = Dkg.part1(Ciphersuite.BIP340, sender, 3, 2, runA, rng).broadcast();
        assertTrue(Dkg.verifyProofOfKnowledge(Ciphersuite.BIP340, sender, bound, runA));
        assertFalse(Dkg.verifyProofOfKnowledge(Ciphersuite.BIP340, sender, bound, runB));
        assertFalse(Dkg.verifyProofOfKnowledge(Ciphersuite.BIP340, sender, bound, Dkg.NO_CONTEXT));

        // part 2 under another run's context names the replayed proof
        Dkg.Part1 mine = Dkg.part1(Ciphersuite.BIP340, Identifier.of(1), 2, 2, runB, rng);
        FrostException e = assertThrows(FrostException.class,
                () -> Dkg.part2(Ciphersuite.BIP340, mine.secret(), Map.of(sender, bound), runB));
        assertEquals(FrostException.Fault.INVALID_PROOF_OF_KNOWLEDGE, e.fault());
        assertEquals(List.of(sender), e.culprits());

        // the unbound proof (frost-core's) is the empty context, and does not verify under a run's context
        Dkg.Round1Package unbound = Dkg.part1(Ciphersuite.BIP340, sender, 3, 2, rng).broadcast();
        assertTrue(Dkg.verifyProofOfKnowledge(Ciphersuite.BIP340, sender, unbound, Dkg.NO_CONTEXT));
        assertFalse(Dkg.verifyProofOfKnowledge(Ciphersuite.BIP340, sender, unbound, runA));
    }
}
