package dev.drey.roast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.crypto.frost.Identifier;
import dev.drey.roast.RunState.Phase;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The coordinator state machine on its own, invariants and stored-form round trip after every input. */
class RoastCoordinatorTest {

    private static boolean flagged(List<RoastOutput> out, Identifier id) {
        return out.stream().anyMatch(o -> o instanceof RoastOutput.Flagged f && f.signer().equals(id));
    }

    private static boolean ignored(List<RoastOutput> out) {
        return out.size() == 1 && out.get(0) instanceof RoastOutput.Ignored;
    }

    @Test
    void honestRunCompletesInSessionOneWithAValidBip340Signature() {
        TestGroup g = new TestGroup(3, 5, 1);
        Driver d = new Driver(g);
        d.apply(g.requestInput());
        d.apply(g.presignature(1));
        d.apply(g.presignature(2));
        assertTrue(d.started.isEmpty(), "no session before |R| = t");
        d.apply(g.presignature(3));
        assertEquals(1, d.started.size(), "session 1 starts when R reaches t");
        assertEquals(List.of(g.id(1), g.id(2), g.id(3)), d.session(1).signers());
        assertTrue(d.state.ready().isEmpty());
        for (int i = 1; i <= 3; i++) {
            d.apply(g.share(i, d.session(1)));
        }
        assertNotNull(d.result);
        assertTrue(d.result.succeeded());
        assertEquals(1, d.result.sessionId());
        assertEquals(64, d.result.signature().length);
        assertTrue(g.verifies(d.result.signature()));
        assertEquals(RunState.Status.COMPLETED, d.state.status());
        assertTrue(ignored(d.apply(g.presignature(4))), "nothing changes after the end");
    }

    @Test
    void duplicatesAreIgnoredNotPunished() {
        TestGroup g = new TestGroup(3, 5, 2);
        Driver d = new Driver(g);
        d.apply(g.requestInput());
        RoastInput.FromSigner p1 = g.presignature(1);
        d.apply(p1);
        RunState before = d.state;
        assertTrue(ignored(d.apply(p1)), "same event again");
        assertEquals(before, d.state);
        d.apply(g.presignature(2));
        d.apply(g.presignature(3));
        RoastInput.FromSigner s1 = g.share(1, d.session(1));
        d.apply(s1);
        assertTrue(ignored(d.apply(s1)), "the same share event again");
        assertTrue(ignored(d.apply(p1)), "the first presignature long after");
        assertTrue(d.state.malicious().isEmpty());
        assertTrue(ignored(d.apply(g.requestInput())), "a repeated request");
    }

    @Test
    void unsolicitedMessagesPutTheSenderInM() {
        TestGroup g = new TestGroup(3, 6, 3);
        Driver d = new Driver(g);
        d.apply(g.requestInput());
        d.apply(g.presignature(1));
        // A second, different presignature while in R.
        assertTrue(flagged(d.apply(g.presignature(1)), g.id(1)));
        assertEquals(Set.of(g.id(1)), d.state.malicious());
        assertFalse(d.state.ready().contains(g.id(1)), "M and R are disjoint");
        d.apply(g.presignature(2));
        d.apply(g.presignature(3));
        d.apply(g.presignature(4));
        SessionStart s1 = d.session(1);
        assertEquals(List.of(g.id(2), g.id(3), g.id(4)), s1.signers());
        // A nonce-only message while pending in session 1.
        assertTrue(flagged(d.apply(g.presignature(2)), g.id(2)));
        assertEquals(Phase.MALICIOUS, d.state.slot(g.id(2)).phase());
        // A share for a session it is not part of.
        d.apply(g.presignature(5));
        assertTrue(flagged(d.apply(g.badShare(5, s1)), g.id(5)));
        assertEquals(3, d.state.malicious().size());
        assertEquals(RunState.Status.RUNNING, d.state.status(), "n - t = 3 faults are tolerated");
        // Anything from a member of M is ignored.
        assertTrue(ignored(d.apply(g.presignature(1))));
    }

    @Test
    void aShareForASessionNeverStartedIsUnsolicited() {
        TestGroup g = new TestGroup(2, 4, 4);
        Driver d = new Driver(g);
        d.apply(g.requestInput());
        d.apply(g.presignature(1));
        d.apply(g.presignature(2));
        SessionStart s1 = d.session(1);
        SessionStart forged = new SessionStart(g.requestId, 7, s1.signingPackage());
        assertTrue(flagged(d.apply(g.share(1, forged)), g.id(1)));
    }

    @Test
    void messagesOfAnotherRunOrAnOldSessionAreIgnored() {
        TestGroup g = new TestGroup(2, 4, 5);
        Driver d = new Driver(g);
        d.apply(g.requestInput());
        // Another run's presignature, signed by a member: ignored, not trusted.
        RoastInput.FromSigner other = new RoastInput.FromSigner(g.nextEventId(), g.id(1),
                new Presignature(g.randomId(), g.presignature(1).message() instanceof Presignature p
                        ? p.commitments() : null));
        RunState before = d.state;
        assertTrue(ignored(d.apply(other)));
        assertEquals(before, d.state);
        d.apply(g.presignature(1));
        d.apply(g.presignature(2));
        d.apply(g.presignature(3));
        d.apply(g.share(1, d.session(1)));
        // Signer 1 answered session 1; a later refusal of session 1 (a replayed session start) is old news.
        RoastInput.FromSigner late = new RoastInput.FromSigner(g.nextEventId(), g.id(1),
                new Refusal(g.requestId, 1, "nonce already consumed"));
        assertTrue(ignored(d.apply(late)));
        assertTrue(d.state.malicious().isEmpty());
    }

    @Test
    void messagesBeforeTheRequestWaitForIt() {
        TestGroup g = new TestGroup(3, 4, 6);
        Driver d = new Driver(g);
        RoastInput.FromSigner p1 = g.presignature(1);
        d.apply(p1);
        d.apply(p1);
        d.apply(g.presignature(2));
        d.apply(g.presignature(3));
        assertEquals(RunState.Status.AWAITING_REQUEST, d.state.status());
        assertEquals(3, d.state.early().size(), "the duplicate is kept once");
        assertTrue(d.started.isEmpty());
        d.apply(g.requestInput());
        assertEquals(1, d.started.size(), "the waiting presignatures start session 1 with the request");
        for (int i = 1; i <= 3; i++) {
            d.apply(g.share(i, d.session(1)));
        }
        assertTrue(d.result.succeeded());
        assertTrue(g.verifies(d.result.signature()));
    }

    @Test
    void oneMemberFloodingBeforeTheRequestCannotCrowdOutTheOthers() {
        TestGroup g = new TestGroup(3, 5, 16);
        Driver d = new Driver(g);
        // Member 5 sends 10,000 distinct presignatures and refusals (distinct events, all validly its own) and
        // anyone sends 10,000 signature results, all before the request.
        RoastInput.FromSigner first = g.presignature(5);
        d.apply(first);
        for (int k = 0; k < 10_000; k++) {
            d.apply(new RoastInput.FromSigner(g.nextEventId(), g.id(5), k % 2 == 0 ? first.message()
                    : new Refusal(g.requestId, 0, "flood " + k)));
            d.apply(new RoastInput.ResultSeen(g.nextEventId(), SignatureResult.success(g.requestId, 1, new byte[64])));
        }
        assertEquals(2, d.state.early().stream().filter(e -> g.id(5).equals(e.signer())).count(),
                "one presignature and one refusal kept for member 5");
        assertEquals(first.eventId(), d.state.early().get(0).eventId(), "the first presignature wins");
        assertEquals(5, d.state.early().stream().filter(e -> e.signer() == null).count(), "n results at most");
        // The honest members' presignatures still find room.
        for (int i = 1; i <= 3; i++) {
            d.apply(g.presignature(i));
        }
        assertEquals(RunState.Status.AWAITING_REQUEST, d.state.status());
        d.apply(g.requestInput());
        // Member 5 never answers; ROAST goes on with the honest members until t of them sign one session.
        for (int round = 0; round < 5 && d.result == null; round++) {
            SessionStart last = d.started.get(d.started.size() - 1);
            for (int i = 1; i <= 4; i++) {
                if (d.state.pendingIn(last.sessionId()).contains(g.id(i))) {
                    d.apply(g.share(i, last));
                }
            }
        }
        assertTrue(d.result != null && d.result.succeeded(), String.valueOf(d.state));
        assertTrue(g.verifies(d.result.signature()));
    }

    @Test
    void reorderedSharesAcrossOverlappingSessionsStillComplete() {
        TestGroup g = new TestGroup(3, 5, 7);
        Driver d = new Driver(g);
        d.apply(g.requestInput());
        for (int i = 1; i <= 5; i++) {
            d.apply(g.presignature(i));
        }
        SessionStart s1 = d.session(1);
        d.apply(g.share(3, s1)); // R = {3, 4, 5}: session 2 starts
        assertEquals(2, d.started.size());
        SessionStart s2 = d.session(2);
        assertEquals(List.of(g.id(3), g.id(4), g.id(5)), s2.signers());
        // Session 2 finishes first, out of order with session 1.
        d.apply(g.share(5, s2));
        d.apply(g.share(4, s2));
        d.apply(g.share(3, s2));
        assertTrue(d.result.succeeded());
        assertEquals(2, d.result.sessionId());
        assertTrue(g.verifies(d.result.signature()));
    }

    @Test
    void invalidSharesAreCaughtByTheSessionCheckAndTooManyFaultsFailTheRunNamingEveryCulprit() {
        TestGroup g = new TestGroup(3, 5, 8);
        Driver d = new Driver(g);
        d.apply(g.requestInput());
        for (int i = 1; i <= 3; i++) {
            d.apply(g.presignature(i));
        }
        SessionStart s1 = d.session(1);
        // Shares are held unchecked while their senders wait in R; the session's t-th share triggers the
        // check of the sum, which is split down to single shares: exactly the two bad senders join M.
        assertFalse(flagged(d.apply(g.badShare(1, s1)), g.id(1)));
        d.apply(g.badShare(2, s1));
        List<RoastOutput> out = d.apply(g.share(3, s1));
        assertTrue(flagged(out, g.id(1)) && flagged(out, g.id(2)));
        assertFalse(flagged(out, g.id(3)));
        assertEquals(Set.of(g.id(1), g.id(2)), d.state.malicious());
        assertEquals(Set.of(g.id(3)), d.state.progress().get(0).responded());
        assertEquals(RunState.Status.RUNNING, d.state.status());
        d.apply(new RoastInput.FromSigner(g.nextEventId(), g.id(4), new Refusal(g.requestId, 0, "policy")));
        assertEquals(RunState.Status.FAILED, d.state.status(), "three faults exceed n - t = 2");
        assertFalse(d.result.succeeded());
        assertEquals(List.of(g.id(1), g.id(2), g.id(4)), d.result.culprits());
        assertNull(d.state.signature());
    }

    @Test
    void theDeadlineEndsARunThatCannotFinish() {
        TestGroup g = new TestGroup(3, 5, 9);
        Driver d = new Driver(g);
        d.apply(g.requestInput());
        for (int i = 1; i <= 3; i++) {
            d.apply(g.presignature(i));
        }
        d.apply(g.share(1, d.session(1))); // 2 and 3 stay silent; 4 and 5 never answered
        d.apply(new RoastInput.Deadline());
        assertEquals(RunState.Status.FAILED, d.state.status());
        assertEquals(List.of(g.id(2), g.id(3), g.id(4), g.id(5)), d.result.culprits(), "all but the ready signer");
    }

    @Test
    void adaptiveDisruptorsCostExactlyFPlusOneSessions() {
        // 4-of-7, three disruptors: each joins one session and never answers.
        TestGroup g = new TestGroup(4, 7, 10);
        Driver d = new Driver(g);
        d.apply(g.requestInput());
        List<Integer> honest = new java.util.ArrayList<>(List.of(1, 2, 3, 4));
        java.util.ArrayDeque<Integer> disruptors = new java.util.ArrayDeque<>(List.of(5, 6, 7));
        java.util.ArrayDeque<RoastInput> queue = new java.util.ArrayDeque<>();
        for (int i : honest) {
            queue.add(g.presignature(i));
        }
        int seen = 0;
        while (d.result == null) {
            RoastInput next;
            if (d.state.ready().size() == 3 && !disruptors.isEmpty()) {
                next = g.presignature(disruptors.poll());
            } else {
                next = queue.poll();
            }
            d.apply(next);
            while (seen < d.started.size()) {
                SessionStart s = d.started.get(seen++);
                for (Identifier id : s.signers()) {
                    int i = id.value().toBigInteger().intValueExact();
                    if (honest.contains(i)) {
                        queue.add(g.share(i, s));
                    }
                }
            }
        }
        assertEquals(4, d.started.size());
        assertEquals(4, d.result.sessionId());
        assertTrue(g.verifies(d.result.signature()));
    }

    @Test
    void anotherCoordinatorsValidResultStopsTheRunEvenBeforeTheRequest() {
        TestGroup g = new TestGroup(3, 5, 11);
        Driver winner = new Driver(g);
        winner.apply(g.requestInput());
        for (int i = 1; i <= 3; i++) {
            winner.apply(g.presignature(i));
        }
        for (int i = 1; i <= 3; i++) {
            winner.apply(g.share(i, winner.session(1)));
        }
        SignatureResult won = winner.result;
        assertTrue(won.succeeded());

        // A running coordinator: a forged result is ignored, the real one ends the run without output.
        Driver other = new Driver(g);
        other.apply(g.requestInput());
        other.apply(g.presignature(4));
        byte[] forged = won.signature();
        forged[40] ^= 1;
        assertTrue(ignored(other.apply(new RoastInput.ResultSeen(g.nextEventId(),
                SignatureResult.success(g.requestId, 1, forged)))));
        assertEquals(RunState.Status.RUNNING, other.state.status());
        assertTrue(ignored(other.apply(new RoastInput.ResultSeen(g.nextEventId(),
                SignatureResult.failure(g.requestId, List.of(g.id(1)), "elsewhere")))), "another's failure changes nothing");
        List<RoastOutput> out = other.apply(new RoastInput.ResultSeen(g.nextEventId(), won));
        assertEquals(RunState.Status.COMPLETED_BY_OTHER, other.state.status());
        assertTrue(out.stream().anyMatch(o -> o instanceof RoastOutput.Stopped));
        assertTrue(out.stream().noneMatch(o -> o instanceof RoastOutput.Finished), "nothing to publish");
        assertTrue(ignored(other.apply(g.presignature(5))), "nothing changes after the stop");

        // A coordinator that sees the result before the request stops as soon as the request arrives.
        Driver late = new Driver(g);
        late.apply(new RoastInput.ResultSeen(g.nextEventId(), won));
        late.apply(g.presignature(1));
        assertEquals(RunState.Status.AWAITING_REQUEST, late.state.status());
        late.apply(g.requestInput());
        assertEquals(RunState.Status.COMPLETED_BY_OTHER, late.state.status());
        assertTrue(late.state.sessions().isEmpty());
        assertTrue(late.started.isEmpty());
    }
}
