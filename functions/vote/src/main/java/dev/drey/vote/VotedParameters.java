package dev.drey.vote;

import dev.drey.nostr.Event;
import dev.drey.nostr.Verification;
import java.util.Collection;
import java.util.Optional;

/**
 * Actuarial parameters set by votes: the latest (by created_at, then event id) valid result signed by the group
 * key that carries {@code ["param", name, value]} sets {@code name}. Group-signed results are trusted for their
 * created_at: the federation signed them after recomputing them.
 */
public final class VotedParameters {
    private VotedParameters() {
    }

    public static Optional<String> latest(Collection<Event> results, String groupPubkey, String name) {
        Event best = null;
        String value = null;
        for (Event e : results) {
            if (e.kind() != VoteKinds.RESULT || !e.pubkey().equals(groupPubkey) || e.verify() != Verification.VALID) {
                continue;
            }
            Optional<VoteResult.Parameter> p;
            try {
                p = VoteResult.of(e).parameter();
            } catch (VoteException ex) {
                continue;
            }
            if (p.isPresent() && p.get().name().equals(name) && (best == null || e.createdAt() > best.createdAt()
                    || e.createdAt() == best.createdAt() && e.id().compareTo(best.id()) > 0)) {
                best = e;
                value = p.get().value();
            }
        }
        return Optional.ofNullable(value);
    }

    /** The voted issuance amount, if a passed vote set one that is a whole number. */
    public static java.util.OptionalLong issuanceAmount(Collection<Event> results, String groupPubkey) {
        Optional<String> v = latest(results, groupPubkey, "issuance-amount");
        if (v.isEmpty() || !v.get().matches("[1-9][0-9]{0,17}")) {
            return java.util.OptionalLong.empty();
        }
        return java.util.OptionalLong.of(Long.parseLong(v.get()));
    }
}
