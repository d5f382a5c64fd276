package dev.drey.vote;

import dev.drey.crypto.Hex;
import dev.drey.nostr.Event;
import dev.drey.nostr.NostrParseException;
import dev.drey.nostr.NostrParser;
import dev.drey.nostr.Verification;
import dev.drey.roast.SignRequest;
import dev.drey.signer.PolicyDecision;
import dev.drey.signer.SigningPolicy;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The signer's rule for purposes {@value VoteKinds#PURPOSE_FREEZE} and {@value VoteKinds#PURPOSE_RESULT}: the
 * payload is the unsigned group event whose id is the message; the signer recomputes it from the public record it
 * has seen ({@link VoteLedger}) and signs only what it reproduces exactly. A freeze is signed only after the
 * proposal's {@code endsAt} by this signer's clock, and only for exactly the ballots this signer counts (so a
 * coordinator cannot tally a chosen subset); a result only for a freeze this signer would sign, with a tally it
 * decrypts itself from the cited partials. Other purposes pass untouched; the host composes this rule with the
 * signer's others ({@link SigningPolicy#allOf}).
 */
public final class VotePolicy {
    private static final NostrParser PARSER = new NostrParser(new NostrParser.Limits(1024 * 1024, 8, 20));

    private VotePolicy() {
    }

    public static SigningPolicy rule(String groupPubkey, VoteLedger ledger, Clock clock, SecureRandom rng) {
        if (groupPubkey == null || ledger == null || clock == null || rng == null) {
            throw new IllegalArgumentException("vote rule: missing group key, ledger, clock or randomness");
        }
        return (r, e) -> {
            boolean freeze = r.purpose().equals(VoteKinds.PURPOSE_FREEZE);
            if (!freeze && !r.purpose().equals(VoteKinds.PURPOSE_RESULT)) {
                return PolicyDecision.ACCEPT;
            }
            Event payload;
            try {
                payload = PARSER.parseEvent(r.payload());
            } catch (NostrParseException ex) {
                return PolicyDecision.refuse(r.purpose() + " payload is not an event: " + ex.getMessage());
            }
            int kind = freeze ? VoteKinds.FREEZE : VoteKinds.RESULT;
            if (payload.kind() != kind || !payload.pubkey().equals(groupPubkey)
                    || !payload.computedId().equals(Hex.encode(r.message()))) {
                return PolicyDecision.refuse(r.purpose() + " payload must be a kind-" + kind + " event of the group"
                        + " key whose id is the message");
            }
            try {
                return freeze ? freeze(payload, ledger, clock, rng) : result(payload, groupPubkey, ledger, clock, rng);
            } catch (VoteException ex) {
                return PolicyDecision.refuse(r.purpose() + ": " + ex.getMessage());
            }
        };
    }

    private static Proposal proposal(List<Event> seen, String id) {
        for (Event e : seen) {
            if ((e.kind() == VoteKinds.PROPOSAL || e.kind() == VoteKinds.NIP88_POLL) && e.id().equals(id) && e.verify() == Verification.VALID) {
                return Proposal.of(e);
            }
        }
        throw new VoteException("this signer has not seen proposal " + id);
    }

    private static List<Event> ballots(List<Event> seen) {
        return seen.stream().filter(e -> e.kind() == VoteKinds.BALLOT || e.kind() == VoteKinds.NIP88_RESPONSE)
                .toList();
    }

    private static VoteAudit.Count frozen(Proposal p, Freeze f, List<Event> seen, Clock clock, SecureRandom rng) {
        if (clock.instant().getEpochSecond() < p.endsAt()) {
            throw new VoteException("the vote is open until " + p.endsAt() + ": nothing is frozen before endsAt");
        }
        VoteAudit.Count c = VoteAudit.count(p, ballots(seen), rng);
        Optional<String> bad = VoteAudit.checkFreeze(p, c, f);
        if (bad.isPresent()) {
            throw new VoteException("refused, this signer cannot reproduce it: " + bad.get());
        }
        return c;
    }

    private static PolicyDecision freeze(Event payload, VoteLedger ledger, Clock clock, SecureRandom rng) {
        Freeze f = Freeze.of(payload);
        List<Event> seen = ledger.eventsOf(f.proposalId());
        frozen(proposal(seen, f.proposalId()), f, seen, clock, rng);
        return PolicyDecision.ACCEPT;
    }

    private static PolicyDecision result(Event payload, String group, VoteLedger ledger, Clock clock,
            SecureRandom rng) {
        VoteResult r = VoteResult.of(payload);
        List<Event> seen = ledger.eventsOf(r.proposalId());
        Proposal p = proposal(seen, r.proposalId());
        Event freezeEvent = seen.stream().filter(e -> e.kind() == VoteKinds.FREEZE && e.id().equals(r.freezeId())
                && e.pubkey().equals(group) && e.verify() == Verification.VALID).findFirst()
                .orElseThrow(() -> new VoteException("this signer has not seen the group-signed freeze "
                        + r.freezeId()));
        Freeze f = Freeze.of(freezeEvent);
        VoteAudit.Count c = frozen(p, f, seen, clock, rng);
        List<Event> partials = seen.stream().filter(e -> e.kind() == VoteKinds.PARTIAL_DECRYPTION).toList();
        Optional<String> wrong = VoteAudit.checkResult(p, c, f, partials, r);
        if (wrong.isPresent()) {
            throw new VoteException("refused, this signer cannot reproduce it: " + wrong.get());
        }
        return PolicyDecision.ACCEPT;
    }

    /** The unsigned group event of a payload template, as the ROAST sign request carries it. */
    public static Event unsigned(String groupPubkey, dev.drey.nostr.EventTemplate t) {
        byte[] id = Event.computeId(groupPubkey, t.createdAt(), t.kind(), t.tags(), t.content());
        return new Event(Hex.encode(id), groupPubkey, t.createdAt(), t.kind(), t.tags(), t.content(), "00".repeat(64));
    }

    /** The sign request of a freeze or result (purpose from its kind). */
    public static SignRequest request(Event unsigned, List<String> coordinators) {
        String purpose = unsigned.kind() == VoteKinds.FREEZE ? VoteKinds.PURPOSE_FREEZE : VoteKinds.PURPOSE_RESULT;
        return new SignRequest("0".repeat(64), Hex.decode(unsigned.id()), purpose, coordinators, unsigned.toJson(),
                "");
    }
}
