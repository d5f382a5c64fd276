package dev.drey.dkg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.crypto.Bytes;
import dev.drey.crypto.Hex;
import dev.drey.crypto.Schnorr;
import dev.drey.crypto.frost.Ciphersuite;
import dev.drey.crypto.frost.Identifier;
import dev.drey.crypto.frost.InProcess;
import dev.drey.crypto.frost.KeyPackage;
import dev.drey.crypto.pairing.DtaPublicKey;
import dev.drey.crypto.pairing.DtaShares;
import dev.drey.crypto.pairing.PairingCurve;
import dev.drey.crypto.pairing.PairingCurves;
import dev.drey.crypto.pairing.VerifiableShare;
import dev.drey.kv.Versioned;
import dev.drey.nostr.Event;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DkgCeremonyTest {
    @TempDir
    Path dir;

    private final SecureRandom rng = new SecureRandom();

    @ParameterizedTest
    @CsvSource({"3,5,11", "5,7,12"})
    void frostCeremonyGivesKeysThatSignBip340(int t, int n, long seed) {
        try (Network net = new Network(dir, n, seed)) {
            Event start = net.start(KeyType.FROST_BIP340, "", t);
            net.run(List.of(start));
            Map<Identifier, KeyPackage> keys = new TreeMap<>();
            dev.drey.crypto.frost.PublicKeyPackage pub = null;
            for (int i = 1; i <= n; i++) {
                assertEquals("complete", net.lastStatus(i), "miner " + i);
                DkgResult.Frost r = (DkgResult.Frost) net.miners.get(i).results().load(start.id()).orElseThrow();
                if (pub != null) {
                    assertEquals(pub, r.publicKeyPackage(), "every miner derives the same public key package");
                }
                pub = r.publicKeyPackage();
                keys.put(r.keyPackage().identifier(), r.keyPackage());
            }
            InProcess.Keys all = new InProcess.Keys(keys, pub);
            byte[] msg = Bytes.sha256("drey issuance".getBytes(StandardCharsets.UTF_8));
            List<Identifier> signers = new ArrayList<>(keys.keySet()).subList(n - t, n);
            byte[] sig = InProcess.sign(Ciphersuite.BIP340, all, signers, msg, rng);
            assertTrue(Schnorr.verify(pub.groupPublicKey().xOnly(), msg, sig), "group signature verifies");
            byte[] sig2 = InProcess.sign(Ciphersuite.BIP340, all, new ArrayList<>(keys.keySet()).subList(0, t), msg, rng);
            assertTrue(Schnorr.verify(pub.groupPublicKey().xOnly(), msg, sig2));
        }
    }

    @Test
    void electionCeremonyGivesATypedKeyApartFromTheSigningKey() {
        try (Network net = new Network(dir, 4, 31)) {
            Event election = net.start(KeyType.ELECTION_SECP256K1, "", 3);
            Event signing = net.start(KeyType.FROST_BIP340, "", 3);
            net.run(List.of(election, signing));
            dev.drey.crypto.frost.PublicKeyPackage pub = null;
            for (int i = 1; i <= 4; i++) {
                assertEquals("complete", net.miners.get(i).results().status(election.id()), "miner " + i);
                DkgResult r = net.miners.get(i).results().load(election.id()).orElseThrow();
                assertEquals(KeyType.ELECTION_SECP256K1, r.keyType(), "the result is typed as the election key");
                DkgResult.Election e = (DkgResult.Election) r;
                if (pub != null) {
                    assertEquals(pub, e.publicKeyPackage(), "every miner derives the same K and K_i");
                }
                pub = e.publicKeyPackage();
                Identifier id = e.keyPackage().identifier();
                assertEquals(dev.drey.crypto.Point.mulG(e.keyPackage().signingShare()),
                        pub.verifyingShares().get(id), "K_i = s_i G for miner " + i);
                DkgResult.Frost f = (DkgResult.Frost) net.miners.get(i).results().load(signing.id()).orElseThrow();
                assertNotEquals(f.publicKeyPackage().groupPublicKey(), pub.groupPublicKey(),
                        "the election key is never the signing key");
                assertFalse(e.toString().contains(Hex.encode(e.keyPackage().signingShare().encode())));
            }
            assertEquals(4, pub.verifyingShares().size(), "every member's public share is exposed");
        }
    }

    @ParameterizedTest
    @CsvSource({"3,5,21", "5,7,22"})
    void dtaCeremonyGivesSharesThatIssueAndRecombine(int t, int n, long seed) {
        PairingCurve curve = PairingCurves.BLS381;
        try (Network net = new Network(dir, n, seed)) {
            Event start = net.start(KeyType.DTA, "bls381", t);
            net.run(List.of(start));
            List<DkgResult.Dta> results = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                assertEquals("complete", net.lastStatus(i), "miner " + i);
                results.add((DkgResult.Dta) net.miners.get(i).results().load(start.id()).orElseThrow());
            }
            DtaPublicKey pub = results.get(0).publicKey();
            for (DkgResult.Dta r : results) {
                assertEquals(t, r.publicKey().threshold());
                assertArrayEquals(pub.groupKey(), r.publicKey().groupKey(), "same DTA public key everywhere");
                assertArrayEquals(pub.publicShare(r.share().index()), r.share().publicShare());
            }
            byte[] idHash = new byte[curve.fieldBytes()];
            rng.nextBytes(idHash);
            List<VerifiableShare> issued = new ArrayList<>();
            for (DkgResult.Dta r : results) {
                VerifiableShare s = DtaShares.issueClientSecret(r.share(), idHash, rng);
                assertTrue(DtaShares.verify(curve, DtaShares.Kind.CLIENT_SECRET, pub.publicShare(r.share().index()), s,
                        0, idHash), "share of miner " + r.share().index() + " verifies");
                issued.add(s);
            }
            byte[] first = DtaShares.recombine(curve, curve.g1(), issued.subList(0, t), t);
            byte[] last = DtaShares.recombine(curve, curve.g1(), issued.subList(n - t, n), t);
            assertArrayEquals(first, last, "any t shares recombine to the same client secret");
            byte[] fewer = DtaShares.combine(curve, curve.g1(), issued.subList(0, t - 1));
            assertFalse(java.util.Arrays.equals(first, fewer), "t-1 shares do not");
        }
    }

    @Test
    void restartedParticipantCompletes() {
        try (Network net = new Network(dir, 5, 31)) {
            Event start = net.start(KeyType.FROST_BIP340, "", 3);
            // Miner 2 is replaced by a new instance (same KV store) after its 6th input.
            int[] count = {0};
            net.tamper = e -> {
                if (net.idOf(e.pubkey()) == 1 && ++count[0] == 4) {
                    net.miners.put(2, net.newInstance(2));
                }
                return e;
            };
            net.run(List.of(start));
            for (int i = 1; i <= 5; i++) {
                assertEquals("complete", net.lastStatus(i));
            }
            assertTrue(count[0] >= 4, "the restart happened mid-ceremony");
            assertTrue(net.miners.get(2).results().load(start.id()).isPresent());
        }
    }

    @Test
    void duplicateInputReEmitsTheSameEvents() {
        try (Network net = new Network(dir, 3, 41)) {
            Event start = net.start(KeyType.FROST_BIP340, "", 2);
            DkgReaction first = net.miners.get(1).handle(start);
            DkgReaction again = net.newInstance(1).handle(start);
            assertEquals(1, first.events().size());
            assertEquals(first.events(), again.events(), "same round-1 event, same id");
        }
    }

    @Test
    void nonRosterAndOtherRunMessagesAreIgnored() {
        try (Network net = new Network(dir, 3, 51)) {
            Event start = net.start(KeyType.FROST_BIP340, "", 2);
            net.run(List.of(start));
            Event otherStart = net.start(KeyType.FROST_BIP340, "", 2);
            assertNotEquals(start.id(), otherStart.id());
            DkgParticipant m1 = net.miners.get(1);
            m1.handle(otherStart);
            // Miner 2's round 1 of the first run, replayed to the second run's miner 1: no effect.
            Event replay = net.published.stream().filter(e -> e.kind() == DkgKinds.ROUND1
                    && net.idOf(e.pubkey()) == 2).findFirst().orElseThrow();
            DkgReaction r = m1.handle(replay);
            // A duplicate re-sends only what it caused the first time (same ids): nothing new reaches the network.
            assertTrue(net.published.containsAll(r.events()), "no new event");
            assertEquals("complete", r.status().orElseThrow(), "it lands in its own (finished) run");
            // An outsider signing a round 1 as member 2 of the second run.
            byte[] outsider = new byte[32];
            outsider[31] = 99;
            Round1Message forged = (Round1Message) DkgCodec.decode(replay);
            Round1Message moved = new Round1Message(otherStart.id(), 2, forged.commitments(), forged.proof());
            DkgReaction refused = m1.handle(Network.sign(moved, 1, List.of(net.pubkey(1)), outsider, rng));
            assertTrue(refused.events().isEmpty());
            assertTrue(refused.notes().get(0).contains("not in the roster"), refused.notes().toString());
            // A member signing as another member.
            DkgReaction impostor = m1.handle(Network.sign(moved, 1, List.of(net.pubkey(1)), net.keys.get(3), rng));
            assertTrue(impostor.notes().get(0).contains("claims to be from 2"), impostor.notes().toString());
            // Start requests from anyone but a trusted initiator are ignored.
            Event rogueStart = DkgCodec.template(new StartRequest("0".repeat(64), KeyType.FROST_BIP340, "", 2,
                    net.roster()), 5, net.roster().pubkeys()).sign(outsider, rng);
            assertTrue(m1.handle(rogueStart).notes().get(0).contains("trusted initiator"));
        }
    }

    @Test
    void secretsAtRestAreSealed() {
        try (Network net = new Network(dir, 3, 61)) {
            Event start = net.start(KeyType.FROST_BIP340, "", 2);
            net.run(List.of(start));
            DkgParticipant m1 = net.miners.get(1);
            DkgResult.Frost r = (DkgResult.Frost) m1.results().load(start.id()).orElseThrow();
            byte[] share = r.keyPackage().signingShare().encode();
            Versioned stored = net.stores.get(1).get(m1.results().key(start.id())).orElseThrow();
            String text = new String(stored.value(), StandardCharsets.ISO_8859_1);
            assertFalse(text.contains(Hex.encode(share)), "no share hex at rest");
            assertFalse(contains(stored.value(), share), "no share bytes at rest");
            assertTrue(text.contains(Hex.encode(r.publicKeyPackage().groupPublicKey().encodeCompressed())),
                    "the public part stays readable");
            Versioned state = net.stores.get(1).get("dkg/state/" + start.id() + "/" + m1.pubkey()).orElseThrow();
            assertFalse(new String(state.value(), StandardCharsets.ISO_8859_1).contains("round1"),
                    "the run state is sealed as a whole");
            // Another miner's key does not open it (miner 2's own completed state copied beside it, so the
            // reader gets as far as the sealed share).
            DkgResults foreign = new DkgResults(net.stores.get(1), new DkgIdentity(net.keys.get(2)), rng);
            net.stores.get(1).putIfAbsent(foreign.key(start.id()), stored.value());
            assertTrue(foreign.load(start.id()).isEmpty(), "no result for a run this miner's state does not know");
            String state2 = "dkg/state/" + start.id() + "/" + net.pubkey(2);
            net.stores.get(1).putIfAbsent(state2, net.stores.get(2).get(state2).orElseThrow().value());
            assertEquals("complete", foreign.status(start.id()));
            org.junit.jupiter.api.Assertions.assertThrows(DkgStateException.class, () -> foreign.load(start.id()));
            assertFalse(r.toString().contains(Hex.encode(share)));
        }
    }

    static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
