package dev.drey.dkg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.crypto.Hex;
import dev.drey.crypto.pairing.Lagrange;
import dev.drey.crypto.pairing.PairingCurve;
import dev.drey.crypto.pairing.PairingCurves;
import dev.drey.nostr.Event;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The beacon key type: G1 commitments, the group key in G2, and a dealer whose G2 image lies is accused. */
class BeaconKeyTest {
    private static final PairingCurve CURVE = PairingCurves.BLS381;
    @TempDir
    Path dir;

    @Test
    void ceremonyGivesAG2GroupKeyAndG1VerificationSharesThatThresholdSign() {
        int n = 4;
        int t = 3;
        try (Network net = new Network(dir, n, 31)) {
            Event start = net.start(KeyType.BEACON_BLS12381, "", t);
            net.run(List.of(start));
            List<DkgResult.Beacon> results = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                assertEquals("complete", net.lastStatus(i), "miner " + i);
                results.add((DkgResult.Beacon) net.miners.get(i).results().load(start.id()).orElseThrow());
            }
            DkgResult.Beacon first = results.get(0);
            assertEquals(CURVE.g2().encodedLength(), first.groupKey().length);
            assertTrue(BeaconScheme.sameLogarithm(first.commitments().groupKey(), first.groupKey()));
            for (DkgResult.Beacon r : results) {
                assertArrayEquals(first.groupKey(), r.groupKey(), "same G2 group key everywhere");
                assertEquals(t, r.commitments().threshold());
                for (int j = 1; j <= n; j++) {
                    assertArrayEquals(first.verificationShare(j), r.verificationShare(j));
                }
                assertArrayEquals(r.share().publicShare(), r.verificationShare(r.share().index()),
                        "the G1 verification share is s_i·g1");
            }
            // Any t shares sign: σ = Σ λ_i·s_i·H(m) verifies under the G2 group key, e(σ, g2) = e(H(m), PK).
            byte[] h = CURVE.hashToG1(new byte[CURVE.fieldBytes()]);
            List<Integer> signers = List.of(1, 3, 4);
            BigInteger[] lambda = Lagrange.atZero(signers, CURVE.order());
            byte[][] partials = new byte[t][];
            for (int k = 0; k < t; k++) {
                partials[k] = CURVE.g1().mul(h, results.get(signers.get(k) - 1).share().value());
            }
            byte[] sigma = CURVE.g1().linearCombination(partials, lambda);
            byte[] minusH = CURVE.g1().mul(h, CURVE.order().subtract(BigInteger.ONE));
            assertTrue(CURVE.pairingProductIsOne(CURVE.g2().generator(), sigma, first.groupKey(), minusH));
            byte[] other = CURVE.g1().mul(h, BigInteger.TWO);
            assertFalse(CURVE.pairingProductIsOne(CURVE.g2().generator(), other, first.groupKey(), minusH));
        }
    }

    @Test
    void startRequestCarriesNoCurveAndRoundTrips() {
        try (Network net = new Network(dir, 3, 32)) {
            Event start = net.start(KeyType.BEACON_BLS12381, "", 2);
            assertTrue(start.content().contains("\"key\":\"beacon-bls12381\""), start.content());
            assertFalse(start.content().contains("curve"), start.content());
            StartRequest s = (StartRequest) DkgCodec.decode(start);
            assertEquals(KeyType.BEACON_BLS12381, s.keyType());
            assertEquals("bls381", s.pairingCurve().id());
        }
    }

    @Test
    void dealerWhoseG2ImageDoesNotMatchItsConstantTermIsAccused() {
        int n = 3;
        int cheater = 3;
        try (Network net = new Network(dir, n, 33)) {
            SecureRandom rng = new SecureRandom();
            net.tamper = e -> {
                if (net.idOf(e.pubkey()) != cheater || e.kind() != DkgKinds.ROUND1
                        || !(DkgCodec.decode(e) instanceof Round1Message r)) {
                    return e;
                }
                List<byte[]> cs = new ArrayList<>(r.commitments());
                // A valid G2 point, just not a_0·g2: a key the dealer's G1 commitment does not vouch for.
                cs.set(cs.size() - 1, CURVE.g2().mul(CURVE.g2().generator(), BigInteger.valueOf(7)));
                List<String> ps = e.tags().stream().filter(tag -> tag.get(0).equals("p")).map(tag -> tag.get(1))
                        .toList();
                return Network.sign(new Round1Message(r.runId(), r.from(), cs, r.proof()), e.createdAt(), ps,
                        net.keys.get(cheater), rng);
            };
            net.run(List.of(net.start(KeyType.BEACON_BLS12381, "", 2)));
            for (int i = 1; i < n; i++) {
                assertEquals("failed", net.lastStatus(i), "miner " + i);
                Map<Integer, String> culprits = net.lastCulprits(i);
                assertEquals(Set.of(cheater), culprits.keySet(), culprits.toString());
                assertTrue(culprits.get(cheater).startsWith(Fault.INVALID_COMMITMENT.wireName()), culprits.toString());
                assertTrue(culprits.get(cheater).contains("G2 image"), culprits.toString());
            }
            assertTrue(net.published.stream().anyMatch(e -> e.kind() == DkgKinds.COMPLAINT), "complaint broadcast");
        }
    }

    @Test
    void missingG2ImageIsAnInvalidCommitment() {
        byte[] context = new byte[32];
        BeaconScheme scheme = new BeaconScheme(2, context);
        KeyScheme.Seed seed = new KeyScheme.Seed(Hex.encode(new byte[32]), 1, 3, 2, new byte[32]);
        Round1Message good = scheme.round1(seed);
        assertTrue(scheme.checkRound1(good).isEmpty());
        Round1Message shortened = new Round1Message(good.runId(), 1, good.commitments().subList(0, 2), good.proof());
        assertEquals(Fault.INVALID_COMMITMENT, scheme.checkRound1(shortened).orElseThrow().fault());
    }
}
