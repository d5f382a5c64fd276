package dev.drey.vote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.nostr.Event;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VoteAuditTest {

    private static List<String> reasons(VoteAudit.Count c) {
        return c.refused().stream().map(VoteAudit.Refusal::reason).toList();
    }

    @Test
    void aSecretVoteIsCountedFrozenDecryptedAndVerifiedFromItsRecord() {
        Election el = Election.secret(1, 5, 3, 3);
        el.ballot(0, 500, Optional.empty(), 1);
        el.ballot(1, 501, Optional.empty(), 1);
        el.ballot(2, 502, Optional.empty(), 0);
        el.ballot(3, 503, Optional.empty()); // abstains: an all-zero ballot
        Event freeze = el.freeze();
        assertEquals(4, Freeze.of(freeze).ballots().size());
        for (int i = 1; i <= 3; i++) {
            el.partial(i, freeze);
        }
        VoteResult r = VoteResult.of(el.result(freeze).orElseThrow());
        assertEquals(List.of(1L, 2L, 0L), r.tally());
        assertEquals(Optional.of(new VoteResult.Parameter("issuance-amount", "750")), r.parameter());
        VoteRecord.Verdict v = VoteRecord.parse(el.record().toJson()).verify(el.rng);
        assertTrue(v.valid(), v.failure());
        assertEquals(List.of(1L, 2L, 0L), v.tally());
    }

    @Test
    void badBallotsLateBallotsAndOutsidersAreRefusedWithAReasonTheRestCounted() {
        Election el = Election.secret(2, 4, 2, 2);
        Event bad = el.ballotAs(0, el.members.get(1), 500, Optional.empty(), 1); // proofs made for another voter
        Event late = el.ballot(1, el.proposal.endsAt() + 1, Optional.empty(), 1);
        el.ballot(2, 500, Optional.empty(), 0);
        VoteAudit.Count c = VoteCoordinator.count(el.proposal, el.events, el.rng);
        assertEquals(1, c.counted().size());
        assertEquals(2, c.refused().size());
        VoteAudit.Refusal rb = c.refused().stream().filter(x -> x.ballotId().equals(bad.id())).findFirst().orElseThrow();
        assertTrue(rb.reason().startsWith("bad proof: selection 0"), rb.reason());
        VoteAudit.Refusal rl = c.refused().stream().filter(x -> x.ballotId().equals(late.id())).findFirst()
                .orElseThrow();
        assertTrue(rl.reason().startsWith("late"), rl.reason());

        Election other = Election.secret(3, 3, 2, 2);
        Event outsider = other.ballot(0, 500, Optional.empty(), 0);
        List<Event> mixed = new java.util.ArrayList<>(el.events);
        mixed.add(outsider); // another member set's key: not on this roster (and it cites another proposal)
        assertEquals(1, VoteCoordinator.count(el.proposal, mixed, el.rng).counted().size());
    }

    @Test
    void theLatestBallotIsTheEndOfTheVotersChainNotTheLargestCreatedAt() {
        Election el = Election.secret(4, 4, 2, 2);
        Event first = el.ballot(0, 600, Optional.empty(), 0);
        Event second = el.ballot(0, 550, Optional.of(first.id()), 1); // an earlier created_at does not matter
        VoteAudit.Count c = VoteCoordinator.count(el.proposal, el.events, el.rng);
        assertEquals(List.of(second.id()), c.ids());
        assertEquals(List.of(first.id()), c.replaced());
        // a ballot replacing a ballot that does not exist is refused
        el.ballot(1, 500, Optional.of("cd".repeat(32)), 1);
        assertTrue(reasons(VoteCoordinator.count(el.proposal, el.events, el.rng)).get(0).contains("no valid earlier"));
    }

    @Test
    void aDoubleVoteRefusesEveryBallotOfThatVoter() {
        Election el = Election.secret(5, 4, 2, 2);
        el.ballot(0, 500, Optional.empty(), 0);
        el.ballot(0, 501, Optional.empty(), 1); // two first ballots
        Event base = el.ballot(1, 500, Optional.empty(), 0);
        el.ballot(1, 501, Optional.of(base.id()), 1);
        el.ballot(1, 502, Optional.of(base.id()), 0); // two replacements of one ballot
        el.ballot(2, 500, Optional.empty(), 1);
        VoteAudit.Count c = VoteCoordinator.count(el.proposal, el.events, el.rng);
        assertEquals(1, c.counted().size());
        assertEquals(5, c.refused().size());
        assertTrue(reasons(c).stream().allMatch(r -> r.startsWith("double vote")), reasons(c).toString());
    }

    @Test
    void badPartialsAreNamedAndUpToNMinusTAbsentTrusteesDoNotStopTheTally() {
        Election el = Election.secret(6, 5, 3, 2);
        el.ballot(0, 500, Optional.empty(), 1);
        el.ballot(1, 500, Optional.empty(), 1);
        el.ballot(2, 500, Optional.empty(), 0);
        Event freeze = el.freeze();
        el.badPartial(1, freeze);
        el.partial(2, freeze);
        assertTrue(el.result(freeze).isEmpty(), "one valid partial of three: no result yet");
        el.partial(4, freeze); // trustees 3 and 5 are absent
        assertTrue(el.result(freeze).isEmpty(), "two valid of three needed");
        el.partial(5, freeze);
        VoteAudit.Partials ps = VoteCoordinator.partials(el.proposal, Freeze.of(freeze), el.events, el.rng);
        assertEquals(List.of(1), List.copyOf(ps.culprits().keySet()), "the bad partial names its sender");
        VoteResult r = VoteResult.of(el.result(freeze).orElseThrow());
        assertEquals(List.of(1L, 2L), r.tally());
        VoteRecord.Verdict v = el.record().verify(el.rng);
        assertTrue(v.valid(), v.failure());
    }

    @Test
    void aResultCitingABadPartialOrAWrongTallyFailsTheRecord() {
        Election el = Election.secret(7, 3, 2, 2);
        el.ballot(0, 500, Optional.empty(), 1);
        Event freeze = el.freeze();
        Event bad = el.badPartial(1, freeze);
        Event good = el.partial(2, freeze);
        el.groupSigned(VoteResult.template(el.proposal.id(), freeze.id(), List.of(0L, 1L),
                List.of(bad.id(), good.id()), Optional.empty(), 2000));
        VoteRecord.Verdict v = el.record().verify(el.rng);
        assertFalse(v.valid());
        assertTrue(v.failure().contains("not a valid one"), v.failure());
    }

    @Test
    void anOpenVoteCountsPlainChoicesAndNip88Responses() {
        Election el = new Election(8, 4, 2, Proposal.Mode.OPEN, List.of("yes", "no", "maybe"), 2, Optional.empty());
        el.ballot(0, 500, Optional.empty(), 0, 2);
        el.ballot(1, 500, Optional.empty(), 1);
        Event nip88 = new dev.drey.nostr.EventTemplate(500, VoteKinds.NIP88_RESPONSE,
                List.of(List.of("e", el.proposal.id()), List.of("response", "0")), "").sign(el.memberKeys.get(2), el.rng);
        el.events.add(nip88);
        el.ballot(3, 500, Optional.empty(), 0, 1, 2); // over the limit of 2
        Event freeze = el.freeze();
        VoteResult r = VoteResult.of(el.result(freeze).orElseThrow());
        assertEquals(List.of(2L, 1L, 1L), r.tally());
        VoteRecord.Verdict v = el.record().verify(el.rng);
        assertTrue(v.valid(), v.failure());
        assertEquals(1, v.count().refused().size());
    }

    @Test
    void anOpenProposalMayBeAPlainNip88PollButASecretOneMayNot() {
        Election el = new Election(9, 3, 2, Proposal.Mode.OPEN, List.of("yes", "no"), 1, Optional.empty());
        dev.drey.nostr.EventTemplate open = Proposal.template("q", List.of("yes", "no"),
                Proposal.PollType.SINGLECHOICE, 1000, Proposal.Mode.OPEN, 1, "", Optional.empty(),
                java.util.Map.of(), el.members, Optional.empty(), 100);
        Event poll = Proposal.asNip88Poll(open).sign(el.memberKeys.get(0), el.rng);
        assertEquals(VoteKinds.NIP88_POLL, poll.kind());
        assertEquals(List.of("yes", "no"), Proposal.of(poll).options());
        Election secret = Election.secret(10, 3, 2, 2);
        dev.drey.nostr.EventTemplate forged = new dev.drey.nostr.EventTemplate(100, VoteKinds.NIP88_POLL,
                secret.proposalEvent.tags(), "q");
        org.junit.jupiter.api.Assertions.assertThrows(VoteException.class,
                () -> Proposal.of(forged.sign(secret.memberKeys.get(0), secret.rng)));
        org.junit.jupiter.api.Assertions.assertThrows(VoteException.class, () -> Proposal.asNip88Poll(
                new dev.drey.nostr.EventTemplate(100, VoteKinds.PROPOSAL, secret.proposalEvent.tags(), "q")));
    }
}
