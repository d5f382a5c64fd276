package dev.drey.vote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.crypto.Hex;
import dev.drey.nostr.Event;
import dev.drey.nostr.EventTemplate;
import dev.drey.roast.SignRequest;
import dev.drey.signer.PolicyDecision;
import dev.drey.signer.SigningPolicy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VotePolicyTest {
    private static final String REQUESTER = "11".repeat(32);

    private static PolicyDecision ask(SigningPolicy policy, String group, EventTemplate t) {
        Event unsigned = VotePolicy.unsigned(group, t);
        SignRequest r = VotePolicy.request(unsigned, List.of(REQUESTER));
        return policy.evaluate(r, null);
    }

    private static VoteLedger.InMemory ledger(List<Event> events) {
        VoteLedger.InMemory l = VoteLedger.inMemory();
        events.forEach(l::add);
        return l;
    }

    private static Clock at(long seconds) {
        return Clock.fixed(Instant.ofEpochSecond(seconds), ZoneOffset.UTC);
    }

    @Test
    void honestSignersRefuseAFreezeOfAChosenSubsetAndAnEarlyFreeze() {
        Election el = Election.secret(11, 4, 2, 2);
        Event a = el.ballot(0, 500, Optional.empty(), 0);
        Event b = el.ballot(1, 500, Optional.empty(), 1);
        el.ballot(2, 500, Optional.empty(), 1);
        SigningPolicy honest = VotePolicy.rule(el.group, ledger(el.events), at(el.proposal.endsAt() + 5), el.rng);
        // The coordinator leaves one counted ballot out, with the matching tally hash of the subset.
        VoteAudit.Count subset = new VoteAudit.Count(VoteCoordinator.count(el.proposal, el.events, el.rng).counted()
                .stream().filter(x -> !x.id().equals(b.id())).toList(), List.of(), List.of());
        assertTrue(subset.ids().contains(a.id()));
        EventTemplate chosen = Freeze.template(el.proposal.id(), subset.ids(), VoteAudit.tallyHash(el.proposal, subset),
                el.proposal.endsAt() + 1);
        PolicyDecision d = ask(honest, el.group, chosen);
        assertFalse(d.accepted());
        assertTrue(d.reason().contains("1 counted ballots left out"), d.reason());
        // The honest freeze is signed, but not before endsAt.
        EventTemplate fair = VoteCoordinator.freeze(el.proposal, el.events, el.proposal.endsAt() + 1, el.rng)
                .orElseThrow();
        assertTrue(ask(honest, el.group, fair).accepted());
        SigningPolicy early = VotePolicy.rule(el.group, ledger(el.events), at(el.proposal.endsAt() - 1), el.rng);
        assertTrue(ask(early, el.group, fair).reason().contains("open until"));
        // A freeze claiming the right ballots with another tally hash is refused too.
        EventTemplate wrongHash = Freeze.template(el.proposal.id(), Freeze.of(el.freeze()).ballots(), "00".repeat(32),
                el.proposal.endsAt() + 1);
        assertTrue(ask(honest, el.group, wrongHash).reason().contains("tally hash"));
        // Trustees decline to decrypt the subset's freeze as well.
        Event subsetFreeze = el.groupSigned(chosen);
        assertThrows(VoteException.class, () -> el.partial(1, subsetFreeze));
        // Other purposes pass this rule untouched.
        assertTrue(honest.evaluate(new SignRequest("0".repeat(64), new byte[32], SignRequest.PURPOSE_ISSUANCE,
                List.of(REQUESTER), "", ""), null).accepted());
    }

    @Test
    void aResultIsSignedOnlyWhenTheSignerDecryptsTheSameTally() {
        Election el = Election.secret(12, 4, 2, 2);
        el.ballot(0, 500, Optional.empty(), 1);
        el.ballot(1, 500, Optional.empty(), 1);
        Event freeze = el.freeze();
        Event p1 = el.partial(1, freeze);
        Event p3 = el.partial(3, freeze);
        SigningPolicy honest = VotePolicy.rule(el.group, ledger(el.events), at(el.proposal.endsAt() + 5), el.rng);
        EventTemplate right = VoteCoordinator.result(el.proposal, Freeze.of(freeze), el.events, 2000, el.rng)
                .orElseThrow();
        assertTrue(ask(honest, el.group, right).accepted());
        assertEquals(List.of(0L, 2L), VoteResult.of(right.sign(el.groupKey, el.rng)).tally());
        EventTemplate lie = VoteResult.template(el.proposal.id(), freeze.id(), List.of(2L, 0L),
                List.of(p1.id(), p3.id()), Optional.of(new VoteResult.Parameter("issuance-amount", "500")), 2000);
        PolicyDecision d = ask(honest, el.group, lie);
        assertFalse(d.accepted());
        assertTrue(d.reason().contains("is not the decrypted tally"), d.reason());
        EventTemplate tooFew = VoteResult.template(el.proposal.id(), freeze.id(), List.of(0L, 2L), List.of(p1.id()),
                Optional.of(new VoteResult.Parameter("issuance-amount", "750")), 2000);
        assertTrue(ask(honest, el.group, tooFew).reason().contains("2 are needed"));
        // A signer that has not seen the freeze does not sign its result.
        List<Event> withoutFreeze = new ArrayList<>(el.events);
        withoutFreeze.remove(freeze);
        SigningPolicy blind = VotePolicy.rule(el.group, ledger(withoutFreeze), at(el.proposal.endsAt() + 5), el.rng);
        assertTrue(ask(blind, el.group, right).reason().contains("has not seen the group-signed freeze"));
        // A payload that is not the message is refused.
        Event unsigned = VotePolicy.unsigned(el.group, right);
        SignRequest swapped = new SignRequest("0".repeat(64), Hex.decode("22".repeat(32)), VoteKinds.PURPOSE_RESULT,
                List.of(REQUESTER), unsigned.toJson(), "");
        assertFalse(honest.evaluate(swapped, null).accepted());
    }

    @Test
    void theLatestPassedResultSetsTheParameter() {
        Election el = Election.secret(13, 3, 2, 3);
        Event r1 = VoteResult.template(el.proposal.id(), "aa".repeat(32), List.of(0L, 2L, 0L), List.of(),
                Optional.of(new VoteResult.Parameter("issuance-amount", "750")), 100).sign(el.groupKey, el.rng);
        Event r2 = VoteResult.template(el.proposal.id(), "bb".repeat(32), List.of(1L, 1L, 0L), List.of(),
                Optional.empty(), 200).sign(el.groupKey, el.rng); // a tie: nothing passed
        Event forged = VoteResult.template(el.proposal.id(), "cc".repeat(32), List.of(3L, 0L, 0L), List.of(),
                Optional.of(new VoteResult.Parameter("issuance-amount", "500")), 300).sign(el.memberKeys.get(0), el.rng);
        assertEquals(java.util.OptionalLong.of(750), VotedParameters.issuanceAmount(List.of(r1, r2, forged), el.group));
        assertTrue(VotedParameters.issuanceAmount(List.of(r2), el.group).isEmpty());
        assertEquals(Optional.empty(), VoteResult.parameterOf(el.proposal, List.of(1L, 1L, 0L)));
        assertEquals(Optional.empty(), VoteResult.parameterOf(el.proposal, List.of(0L, 0L, 0L)));
    }
}
