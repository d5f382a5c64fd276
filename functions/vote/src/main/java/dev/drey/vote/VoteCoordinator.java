package dev.drey.vote;

import dev.drey.crypto.election.Tally;
import dev.drey.nostr.Event;
import dev.drey.nostr.EventTemplate;
import dev.drey.nostr.Verification;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the coordinator of a vote asks the federation to sign, computed from the public record it has seen: the
 * freeze once {@code endsAt} has passed, and the result once t valid partial decryptions of the frozen tally are
 * in. Honest signers recompute both ({@link VotePolicy}); this class only proposes.
 */
public final class VoteCoordinator {
    private VoteCoordinator() {
    }

    /** The proposal among {@code seen}, signature checked. */
    public static Optional<Proposal> proposal(List<Event> seen, String proposalId) {
        return seen.stream().filter(e -> (e.kind() == VoteKinds.PROPOSAL || e.kind() == VoteKinds.NIP88_POLL) && e.id().equals(proposalId)
                && e.verify() == Verification.VALID).findFirst().map(Proposal::of);
    }

    public static VoteAudit.Count count(Proposal p, List<Event> seen, SecureRandom rng) {
        return VoteAudit.count(p, seen.stream().filter(e -> e.kind() == VoteKinds.BALLOT
                || e.kind() == VoteKinds.NIP88_RESPONSE).toList(), rng);
    }

    /** The freeze of everything counted, or empty before {@code endsAt}. */
    public static Optional<EventTemplate> freeze(Proposal p, List<Event> seen, long now, SecureRandom rng) {
        if (now < p.endsAt()) {
            return Optional.empty();
        }
        VoteAudit.Count c = count(p, seen, rng);
        return Optional.of(Freeze.template(p.id(), c.ids(), VoteAudit.tallyHash(p, c), Math.max(now, p.endsAt())));
    }

    /** What the decryption of a frozen secret tally stands at: the valid partials and the culprits. */
    public static VoteAudit.Partials partials(Proposal p, Freeze f, List<Event> seen, SecureRandom rng) {
        Tally tally = VoteAudit.tally(p, count(p, seen, rng));
        return VoteAudit.partials(p, tally, f.id(), seen.stream()
                .filter(e -> e.kind() == VoteKinds.PARTIAL_DECRYPTION).toList());
    }

    /**
     * The result, once it can be computed: in open mode at once; in secret mode when t valid partials are in (the
     * t with the lowest trustee indices are combined). Empty while fewer than t are valid.
     */
    public static Optional<EventTemplate> result(Proposal p, Freeze f, List<Event> seen, long now,
            SecureRandom rng) {
        VoteAudit.Count c = count(p, seen, rng);
        List<Long> counts;
        List<String> used = new ArrayList<>();
        if (p.mode() == Proposal.Mode.OPEN) {
            counts = VoteAudit.openCounts(p, c);
        } else {
            Tally tally = VoteAudit.tally(p, c);
            VoteAudit.Partials ps = VoteAudit.partials(p, tally, f.id(), seen.stream()
                    .filter(e -> e.kind() == VoteKinds.PARTIAL_DECRYPTION).toList());
            if (ps.valid().size() < p.key().threshold()) {
                return Optional.empty();
            }
            List<TrusteeDecryption> chosen = new ArrayList<>();
            for (Map.Entry<Integer, TrusteeDecryption> e : ps.valid().entrySet()) {
                if (chosen.size() < p.key().threshold()) {
                    chosen.add(e.getValue());
                }
            }
            counts = VoteAudit.combine(p, tally, chosen).counts();
            chosen.forEach(d -> used.add(d.id()));
        }
        return Optional.of(VoteResult.template(p.id(), f.id(), counts, used, VoteResult.parameterOf(p, counts),
                now));
    }
}
