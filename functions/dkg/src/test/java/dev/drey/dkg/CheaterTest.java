package dev.drey.dkg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.nip44.Nip44;
import dev.drey.crypto.pairing.PairingCurves;
import dev.drey.nostr.Event;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Miner 3 cheats in each possible way; every honest miner ends the run failed, naming miner 3 alone. */
class CheaterTest {
    private static final int CHEATER = 3;
    @TempDir
    Path dir;
    private final SecureRandom rng = new SecureRandom();

    private Network run(int n, int t, KeyType type, long seed, java.util.function.Function<Network, UnaryOperator<Event>> cheat) {
        Network net = new Network(dir, n, seed);
        net.tamper = cheat.apply(net);
        net.run(List.of(net.start(type, type == KeyType.DTA ? "bls381" : "", t)));
        return net;
    }

    private void assertNamed(Network net, int n, Fault fault) {
        assertNamed(net, n, Set.of(fault));
    }

    private void assertNamed(Network net, int n, Set<Fault> faults) {
        for (int i = 1; i <= n; i++) {
            if (i == CHEATER) {
                continue;
            }
            assertEquals("failed", net.lastStatus(i), "miner " + i);
            Map<Integer, String> culprits = net.lastCulprits(i);
            assertEquals(Set.of(CHEATER), culprits.keySet(), "miner " + i + ": " + culprits);
            String named = culprits.get(CHEATER);
            assertTrue(faults.stream().anyMatch(f -> named.startsWith(f.wireName())), culprits.toString());
        }
        assertTrue(net.published.stream().anyMatch(e -> e.kind() == DkgKinds.COMPLAINT), "complaints broadcast");
    }

    /**
     * Miner 3's round 1, changed by {@code change} and re-signed with its key; its transcript confirmation lists
     * the changed event, so only the check of the changed contribution itself can catch it.
     */
    private static UnaryOperator<Event> round1(Network net, java.util.function.UnaryOperator<Round1Message> change) {
        String[] sent = new String[1];
        return e -> {
            if (net.idOf(e.pubkey()) != CHEATER) {
                return e;
            }
            if (e.kind() == DkgKinds.CONFIRMATION && sent[0] != null) {
                TranscriptConfirmation c = (TranscriptConfirmation) DkgCodec.decode(e);
                java.util.SortedMap<Integer, String> used = new java.util.TreeMap<>(c.round1());
                used.put(CHEATER, sent[0]);
                return Network.sign(TranscriptConfirmation.of(c.runId(), CHEATER, used), e.createdAt(), tags(e),
                        net.keys.get(CHEATER), new SecureRandom());
            }
            if (e.kind() != DkgKinds.ROUND1 || !(DkgCodec.decode(e) instanceof Round1Message r)) {
                return e;
            }
            Event changed = Network.sign(change.apply(r), e.createdAt(), tags(e), net.keys.get(CHEATER),
                    new SecureRandom());
            sent[0] = changed.id();
            return changed;
        };
    }

    /** Miner 3's share to miner 1, replaced by {@code change(share)}, properly encrypted and signed. */
    static UnaryOperator<Event> shareToOne(Network net, UnaryOperator<byte[]> change) {
        return e -> {
            if (e.kind() != DkgKinds.ROUND2 || net.idOf(e.pubkey()) != CHEATER) {
                return e;
            }
            Round2Message r = (Round2Message) DkgCodec.decode(e);
            if (r.to() != 1) {
                return e;
            }
            byte[] ck = Nip44.conversationKey(net.keys.get(CHEATER), Hex.decode(net.pubkey(1)));
            byte[] share = Hex.decode(Nip44.decrypt(r.encryptedShare(), ck));
            String bad = Nip44.encrypt(Hex.encode(change.apply(share)), ck);
            return Network.sign(new Round2Message(r.runId(), r.from(), r.to(), bad), e.createdAt(), tags(e),
                    net.keys.get(CHEATER), new SecureRandom());
        };
    }

    private static List<String> tags(Event e) {
        List<String> ps = new ArrayList<>();
        for (List<String> t : e.tags()) {
            if (t.get(0).equals("p")) {
                ps.add(t.get(1));
            }
        }
        return ps;
    }

    private static byte[] flipLastBit(byte[] b) {
        byte[] c = b.clone();
        c[c.length - 1] ^= 1;
        return c;
    }

    @Test
    void frostBadProofOfKnowledge() {
        try (Network net = run(5, 3, KeyType.FROST_BIP340, 101,
                n -> round1(n, r -> new Round1Message(r.runId(), r.from(), r.commitments(), flipLastBit(r.proof()))))) {
            assertNamed(net, 5, Fault.INVALID_PROOF);
            assertTrue(net.published.stream().noneMatch(e -> e.kind() == DkgKinds.ROUND2
                    && ((Round2Message) DkgCodec.decode(e)).to() == CHEATER), "no share sent to a cheater");
        }
    }

    @Test
    void frostWrongNumberOfCommitments() {
        try (Network net = run(4, 3, KeyType.FROST_BIP340, 102,
                n -> round1(n, r -> new Round1Message(r.runId(), r.from(), r.commitments().subList(0, 2), r.proof())))) {
            assertNamed(net, 4, Fault.INVALID_COMMITMENT);
        }
    }

    @Test
    void frostShareInconsistentWithCommitment() {
        try (Network net = run(5, 3, KeyType.FROST_BIP340, 103,
                n -> shareToOne(n, s -> Scalar.decode(s).add(Scalar.ONE).encode()))) {
            assertNamed(net, 5, Fault.INVALID_SHARE);
            Complaint c = net.published.stream().filter(e -> e.kind() == DkgKinds.COMPLAINT && net.idOf(e.pubkey()) == 1)
                    .map(e -> (Complaint) DkgCodec.decode(e)).findFirst().orElseThrow();
            assertEquals(CHEATER, c.accused());
            assertTrue(c.disclosure().isPresent() && c.round2().isPresent(), "the complaint carries checkable evidence");
        }
    }

    @Test
    void frostEquivocation() {
        try (Network net = run(4, 2, KeyType.FROST_BIP340, 104, n -> e -> {
            if (e.kind() == DkgKinds.ROUND1 && n.idOf(e.pubkey()) == CHEATER) {
                Round1Message r = (Round1Message) DkgCodec.decode(e);
                byte[] other = new byte[32];
                new SecureRandom().nextBytes(other);
                Round1Message second = Contribution.of((StartRequest) DkgCodec.decode(n.lastStart), CHEATER, other)
                        .round1();
                n.inject.add(Network.sign(second, e.createdAt() + 1, tags(e), n.keys.get(CHEATER), new SecureRandom()));
            }
            return e;
        })) {
            // A miner that holds the second round 1 when the cheater's share (made from the first) arrives
            // sees an inconsistent share before it ever sees both round 1s: either way the cheater is named.
            assertNamed(net, 4, Set.of(Fault.EQUIVOCATION, Fault.INVALID_SHARE));
            assertTrue(net.published.stream().filter(e -> e.kind() == DkgKinds.COMPLAINT)
                    .map(e -> (Complaint) DkgCodec.decode(e)).allMatch(c -> c.accused() == CHEATER));
        }
    }

    @Test
    void dtaShareInconsistentWithCommitment() {
        BigInteger r = PairingCurves.BLS381.order();
        try (Network net = run(3, 2, KeyType.DTA, 105, n -> shareToOne(n,
                s -> PairingCurves.BLS381.scalarBytes(new BigInteger(1, s).add(BigInteger.ONE).mod(r))))) {
            assertNamed(net, 3, Fault.INVALID_SHARE);
        }
    }

    @Test
    void dtaBadProofOfKnowledge() {
        try (Network net = run(3, 2, KeyType.DTA, 106,
                n -> round1(n, m -> new Round1Message(m.runId(), m.from(), m.commitments(), flipLastBit(m.proof()))))) {
            assertNamed(net, 3, Fault.INVALID_SHARE);
            assertTrue(net.lastCulprits(1).get(CHEATER).contains("proof of knowledge"), net.lastCulprits(1).toString());
        }
    }

    @Test
    void falseComplaintNamesTheComplainer() {
        try (Network net = new Network(dir, 3, 107)) {
            Event start = net.start(KeyType.FROST_BIP340, "", 2);
            net.run(List.of(start));
            Event r1 = net.published.stream().filter(e -> e.kind() == DkgKinds.ROUND1 && net.idOf(e.pubkey()) == 2)
                    .findFirst().orElseThrow();
            Event r2 = net.published.stream().filter(e -> e.kind() == DkgKinds.ROUND2 && net.idOf(e.pubkey()) == 2
                    && ((Round2Message) DkgCodec.decode(e)).to() == 1).findFirst().orElseThrow();
            Complaint lie = new Complaint(start.id(), 1, 2, Fault.INVALID_SHARE, "it was bad, trust me", r1,
                    Optional.empty(), Optional.of(r2),
                    Optional.of(SharedKeyDisclosure.prove(net.keys.get(1), net.pubkey(2), start.id(), rng)),
                    Optional.empty());
            Event complaint = Network.sign(lie, 1, List.of(net.pubkey(2), net.pubkey(3)), net.keys.get(1), rng);
            DkgReaction at3 = net.miners.get(3).handle(complaint);
            assertEquals("failed", at3.status().orElseThrow());
            assertEquals(Set.of(1), at3.culprits().keySet(), at3.culprits().toString());
            DkgStateException refused = org.junit.jupiter.api.Assertions.assertThrows(DkgStateException.class,
                    () -> net.miners.get(3).results().load(start.id()));
            assertTrue(refused.getMessage().contains("failed"), refused.getMessage());
            assertTrue(net.stores.get(3).get(net.miners.get(3).results().key(start.id())).isEmpty(),
                    "the result of a failed run is dropped");
            assertFalse(net.miners.get(2).results().load(start.id()).isEmpty(), "miner 2 has not seen it yet");
        }
    }
}
