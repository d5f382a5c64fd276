package dev.drey.dkg;

import dev.drey.nostr.Event;
import dev.drey.nostr.Verification;
import java.util.Optional;

/**
 * Judges a complaint on its evidence alone (plus, for equivocation, the round-1 event this participant holds
 * from the accused): the verdict names the accused when the evidence shows the fault, the complainer when it
 * does not (a false or unfounded complaint is itself a fault). A founded transcript-mismatch complaint whose
 * dealer cannot be shown to have equivocated (only one of its round-1 events in hand) has no culprit: the
 * verdict is empty and the run fails all the same.
 */
final class ComplaintCheck {
    private ComplaintCheck() {
    }

    static Optional<Accusation> judge(Complaint c, StartRequest start, KeyScheme scheme, Event heldRound1) {
        if (c.fault() == Fault.TRANSCRIPT_MISMATCH) {
            return transcriptMismatch(c, start, heldRound1);
        }
        return Optional.of(verdict(c, start, scheme, heldRound1));
    }

    /**
     * The accused dealer when this participant holds one of its signed round-1 events and the complaint
     * carries another (two events, both signed: equivocation); no culprit when the complaint is founded but
     * only one event is in hand; the complainer when the evidence does not hold.
     */
    private static Optional<Accusation> transcriptMismatch(Complaint c, StartRequest start, Event heldRound1) {
        Optional<Participant> accused = start.roster().byId(c.accused());
        if (accused.isEmpty() || start.roster().byId(c.from()).isEmpty()) {
            return Optional.of(falseComplaint(c, "names an identifier outside the roster"));
        }
        if (round1(c.round1(), accused.get(), c) == null) {
            return Optional.of(falseComplaint(c, "its round-1 evidence is not a round-1 event of the accused"));
        }
        if (heldRound1 != null && !heldRound1.id().equals(c.round1().id())) {
            return Optional.of(new Accusation(c.accused(), Fault.EQUIVOCATION,
                    "signed two different round-1 events for this run (" + heldRound1.id() + ", " + c.round1().id()
                            + ")"));
        }
        Event conf = c.confirmation().orElseThrow();
        Optional<Participant> confirmer = start.roster().byPubkey(conf.pubkey());
        if (conf.verify() != Verification.VALID || confirmer.isEmpty()) {
            return Optional.of(falseComplaint(c, "its confirmation is not signed by a member"));
        }
        TranscriptConfirmation t;
        try {
            t = DkgCodec.decode(conf) instanceof TranscriptConfirmation tc ? tc : null;
        } catch (DkgMessageException e) {
            t = null;
        }
        if (t == null || !t.runId().equals(c.runId()) || t.from() != confirmer.get().id()) {
            return Optional.of(falseComplaint(c, "its confirmation evidence is not a confirmation of this run"));
        }
        String listed = t.round1().get(c.accused());
        if (listed == null || listed.equals(c.round1().id())) {
            return Optional.of(falseComplaint(c, "the confirmation lists the same round 1 of the accused"));
        }
        if (t.from() == c.accused()) { // both signed by the accused: its confirmation contradicts its round 1
            return Optional.of(new Accusation(c.accused(), Fault.EQUIVOCATION, "confirmed round-1 event " + listed
                    + " of its own but signed " + c.round1().id()));
        }
        return Optional.empty();
    }

    private static Accusation verdict(Complaint c, StartRequest start, KeyScheme scheme, Event heldRound1) {
        Optional<Participant> accused = start.roster().byId(c.accused());
        Optional<Participant> complainer = start.roster().byId(c.from());
        if (accused.isEmpty() || complainer.isEmpty()) {
            return falseComplaint(c, "names an identifier outside the roster");
        }
        Round1Message r1 = round1(c.round1(), accused.get(), c);
        if (r1 == null) {
            return falseComplaint(c, "its round-1 evidence is not a round-1 event of the accused for this run");
        }
        if (heldRound1 != null && !((Round1Message) DkgCodec.decode(heldRound1)).sameContribution(r1)) {
            return new Accusation(c.accused(), Fault.EQUIVOCATION, "signed a round-1 contribution other than the one held");
        }
        switch (c.fault()) {
            case EQUIVOCATION -> {
                Round1Message other = round1(c.conflictingRound1().orElseThrow(), accused.get(), c);
                if (other == null) {
                    return falseComplaint(c, "its second round-1 evidence is not a round-1 event of the accused");
                }
                return other.sameContribution(r1) ? falseComplaint(c, "the two round-1 events carry the same contribution")
                        : new Accusation(c.accused(), Fault.EQUIVOCATION, "two different round-1 contributions");
            }
            case INVALID_COMMITMENT, INVALID_PROOF -> {
                Optional<Accusation> a = scheme.checkRound1(r1);
                return a.isPresent() ? a.get() : falseComplaint(c, "the accused's round 1 is valid");
            }
            default -> {
                Optional<Accusation> a = scheme.checkRound1(r1);
                if (a.isPresent()) {
                    return a.get();
                }
                Event e2 = c.round2().orElseThrow();
                Round2Message r2 = null;
                if (e2.verify() == Verification.VALID && e2.pubkey().equals(accused.get().pubkey())) {
                    try {
                        if (DkgCodec.decode(e2) instanceof Round2Message m && m.runId().equals(c.runId())
                                && m.from() == c.accused() && m.to() == c.from()) {
                            r2 = m;
                        }
                    } catch (DkgMessageException ignored) {
                        // r2 stays null: not usable evidence
                    }
                }
                if (r2 == null) {
                    return falseComplaint(c, "its round-2 evidence is not the accused's share to the complainer");
                }
                SharedKeyDisclosure d = c.disclosure().orElseThrow();
                if (!d.verify(complainer.get().pubkey(), accused.get().pubkey(), c.runId())) {
                    return falseComplaint(c, "its disclosed shared key does not verify");
                }
                Object share = DkgParticipant.openShare(r2, d.conversationKey());
                if (share instanceof Accusation bad) {
                    return bad;
                }
                Optional<Accusation> s = scheme.checkShare(r1, c.from(), (byte[]) share);
                return s.isPresent() ? s.get() : falseComplaint(c, "the disclosed share is consistent");
            }
        }
    }

    private static Round1Message round1(Event e, Participant accused, Complaint c) {
        if (e.verify() != Verification.VALID || !e.pubkey().equals(accused.pubkey())) {
            return null;
        }
        try {
            return DkgCodec.decode(e) instanceof Round1Message m && m.runId().equals(c.runId())
                    && m.from() == c.accused() ? m : null;
        } catch (DkgMessageException ex) {
            return null;
        }
    }

    private static Accusation falseComplaint(Complaint c, String why) {
        return new Accusation(c.from(), Fault.fromWire(c.fault().wireName()), "false complaint against "
                + c.accused() + ": " + why);
    }
}
