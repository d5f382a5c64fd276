package dev.drey.dkg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.dkg.simulation.EquivocatingDealer;
import dev.drey.nostr.Event;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Agreement on round 1 (security review, finding 3): a dealer showing different, internally consistent round-1
 * contributions to two parts of the roster leaves no honest member with a result; a result is only ever read
 * once every member confirmed the same transcript; proofs of knowledge do not move between runs.
 */
class TranscriptAgreementTest {
    private static final int DEALER = 3;
    @TempDir
    Path dir;
    private final SecureRandom rng = new SecureRandom();

    /** A run in which miner 3 equivocates towards {@code victims}, delivered by p tags as relays do. */
    private Network equivocatingRun(int n, int t, KeyType type, Set<Integer> victims, long seed, boolean dropComplaints) {
        Network net = new Network(dir, n, seed);
        net.routeByPTags = true;
        Event start = net.start(type, type == KeyType.DTA ? "bls381" : "", t);
        EquivocatingDealer dealer = new EquivocatingDealer(start, net.keys.get(DEALER), victims, rng);
        net.split = e -> net.idOf(e.pubkey()) == DEALER ? dealer.rewrite(e) : List.of(e);
        if (dropComplaints) {
            net.tamper = e -> e.kind() == DkgKinds.COMPLAINT ? null : e;
        }
        net.run(List.of(start));
        return net;
    }

    private static void assertNoHonestResult(Network net, int n) {
        String run = net.lastStart.id();
        for (int i = 1; i <= n; i++) {
            if (i == DEALER) {
                continue;
            }
            DkgResults results = net.miners.get(i).results();
            assertEquals("failed", net.lastStatus(i), "miner " + i);
            assertEquals("failed", results.status(run), "miner " + i);
            assertTrue(net.stores.get(i).get(results.key(run)).isEmpty(), "miner " + i + " keeps no result");
            assertThrows(DkgStateException.class, () -> results.load(run), "miner " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {301, 311, 321, 331})
    void frostEquivocatingDealerLeavesNoResultAndIsNamed(long seed) {
        try (Network net = equivocatingRun(5, 3, KeyType.FROST_BIP340, Set.of(4, 5), seed, false)) {
            // the two parts really did hold different round-1 events of the dealer
            Set<String> dealerRound1 = net.published.stream()
                    .filter(e -> e.kind() == DkgKinds.ROUND1 && net.idOf(e.pubkey()) == DEALER)
                    .map(Event::id).collect(Collectors.toSet());
            assertEquals(2, dealerRound1.size());
            assertNoHonestResult(net, 5);
            for (int i : List.of(1, 2, 4, 5)) {
                Map<Integer, String> culprits = net.lastCulprits(i);
                assertEquals(Set.of(DEALER), culprits.keySet(), "miner " + i + ": " + culprits);
                assertTrue(culprits.get(DEALER).startsWith(Fault.EQUIVOCATION.wireName()), culprits.toString());
            }
            assertTrue(net.published.stream().filter(e -> e.kind() == DkgKinds.COMPLAINT)
                    .map(e -> (Complaint) DkgCodec.decode(e))
                    .anyMatch(c -> c.fault() == Fault.TRANSCRIPT_MISMATCH && c.accused() == DEALER));
        }
    }

    @Test
    void dtaEquivocatingDealerLeavesNoResultAndIsNamed() {
        try (Network net = equivocatingRun(4, 2, KeyType.DTA, Set.of(4), 302, false)) {
            assertNoHonestResult(net, 4);
            for (int i : List.of(1, 2, 4)) {
                assertEquals(Set.of(DEALER), net.lastCulprits(i).keySet(), "miner " + i);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {303, 313})
    void withOnlyOneOfTheDealersEventsInHandTheRunFailsWithoutACulprit(long seed) {
        // complaints lost: each member sees only that another confirmed a different round 1 of the dealer
        try (Network net = equivocatingRun(5, 3, KeyType.FROST_BIP340, Set.of(4, 5), seed, true)) {
            assertNoHonestResult(net, 5);
            for (int i : List.of(1, 2, 4, 5)) {
                assertEquals(Map.of(), net.lastCulprits(i), "miner " + i);
                assertEquals(Map.of(), net.miners.get(i).results().culprits(net.lastStart.id()));
            }
        }
    }

    @Test
    void aMissingConfirmationKeepsTheRunOpenAndNoResultIsRead() {
        try (Network net = new Network(dir, 4, 304)) {
            Event start = net.start(KeyType.FROST_BIP340, "", 3);
            net.tamper = e -> e.kind() == DkgKinds.CONFIRMATION && net.idOf(e.pubkey()) == 2 ? null : e;
            net.run(List.of(start));
            for (int i : List.of(1, 3, 4)) {
                DkgResults results = net.miners.get(i).results();
                assertEquals("round2", results.status(start.id()), "miner " + i + " waits for every confirmation");
                assertEquals(Optional.empty(), results.load(start.id()));
                assertTrue(net.stores.get(i).get(results.key(start.id())).isEmpty(), "miner " + i);
            }
            // miner 2 did get all n (its own and the others'), all equal: its result is final
            assertEquals("complete", net.miners.get(2).results().status(start.id()));
            assertTrue(net.miners.get(2).results().load(start.id()).isPresent());
        }
    }

    @Test
    void aStoredResultIsNotReadUnlessTheRunIsComplete() {
        try (Network net = new Network(dir, 3, 305)) {
            Event start = net.start(KeyType.FROST_BIP340, "", 2);
            net.run(List.of(start));
            DkgResults results = net.miners.get(1).results();
            assertTrue(results.load(start.id()).isPresent());
            // a crash between storing and recording the run's end, or a state rolled back: the stored result stays
            RunStateStore states = new RunStateStore(net.stores.get(1), new DkgIdentity(net.keys.get(1)), rng);
            RunStateStore.Loaded l = states.load(start.id());
            l.state().status = RunState.Status.ROUND2;
            assertTrue(states.compareAndSet(l.state(), l.version()));
            assertTrue(net.stores.get(1).get(results.key(start.id())).isPresent());
            assertEquals(Optional.empty(), results.load(start.id()), "not confirmed, not a result");
        }
    }

    @Test
    void honestRunsConfirmOneTranscript() {
        try (Network net = new Network(dir, 4, 306)) {
            Event start = net.start(KeyType.FROST_BIP340, "", 3);
            net.run(List.of(start));
            List<TranscriptConfirmation> cs = net.published.stream().filter(e -> e.kind() == DkgKinds.CONFIRMATION)
                    .map(e -> (TranscriptConfirmation) DkgCodec.decode(e)).distinct().toList();
            assertEquals(4, cs.size(), "one confirmation per member");
            assertTrue(cs.stream().allMatch(c -> c.sameTranscript(cs.get(0))));
            Map<Integer, String> round1 = net.published.stream().filter(e -> e.kind() == DkgKinds.ROUND1)
                    .collect(Collectors.toMap(e -> net.idOf(e.pubkey()), Event::id, (a, b) -> a));
            assertEquals(round1, cs.get(0).round1(), "the transcript lists the round-1 events sent");
            for (int i = 1; i <= 4; i++) {
                assertEquals("complete", net.miners.get(i).results().status(start.id()));
            }
        }
    }

    @Test
    void aProofOfKnowledgeFromAnotherRunIsRefused() {
        Network net = new Network(dir, 3, 307);
        try (net) {
            for (KeyType type : List.of(KeyType.FROST_BIP340, KeyType.DTA)) {
                String curve = type == KeyType.DTA ? "bls381" : "";
                StartRequest a = (StartRequest) DkgCodec.decode(net.start(type, curve, 2));
                StartRequest b = (StartRequest) DkgCodec.decode(net.start(type, curve, 2));
                byte[] seed = new byte[32];
                rng.nextBytes(seed);
                Contribution inA = Contribution.of(a, 2, seed);
                Round1Message replayed = new Round1Message(b.runId(), 2, inA.round1().commitments(),
                        inA.round1().proof());
                KeyScheme schemeB = KeyScheme.of(b);
                Optional<Accusation> bad = type == KeyType.DTA ? schemeB.checkShare(replayed, 1, inA.shareFor(1))
                        : schemeB.checkRound1(replayed);
                assertTrue(bad.isPresent(), type + ": a proof made for another run is refused");
                assertEquals(2, bad.get().accused());
                assertTrue(bad.get().detail().contains("proof of knowledge"), bad.get().detail());
                // the same contribution is fine in its own run
                KeyScheme schemeA = KeyScheme.of(a);
                assertEquals(Optional.empty(), type == KeyType.DTA ? schemeA.checkShare(inA.round1(), 1, inA.shareFor(1))
                        : schemeA.checkRound1(inA.round1()));
            }
        }
    }
}
