package dev.drey.vote;

import dev.drey.crypto.election.PartialDecryption;
import dev.drey.crypto.election.ThresholdDecryption;
import dev.drey.crypto.election.TrusteeShare;
import dev.drey.nostr.Event;
import dev.drey.nostr.EventTemplate;
import dev.drey.nostr.Verification;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;

/**
 * A trustee's part: it decrypts only a tally the federation froze (the freeze signed by the group key) and that it
 * reproduces itself from the ballots it has seen, so no one obtains a decryption of a chosen ciphertext or subset.
 */
public final class VoteTrustee {
    private VoteTrustee() {
    }

    /**
     * This trustee's partial decryption event (unsigned; its miner key signs it) for the freeze {@code freezeEvent},
     * or the reason it declines.
     */
    public static EventTemplate decrypt(Event freezeEvent, String groupPubkey, List<Event> seen, TrusteeShare share,
            long now, SecureRandom rng) {
        if (freezeEvent.kind() != VoteKinds.FREEZE || !freezeEvent.pubkey().equals(groupPubkey)
                || freezeEvent.verify() != Verification.VALID) {
            throw new VoteException("only a freeze signed by the group key is decrypted");
        }
        Freeze f = Freeze.of(freezeEvent);
        Proposal p = VoteCoordinator.proposal(seen, f.proposalId())
                .orElseThrow(() -> new VoteException("this trustee has not seen proposal " + f.proposalId()));
        if (p.mode() != Proposal.Mode.SECRET) {
            throw new VoteException("an open vote needs no decryption");
        }
        if (!p.key().publicShares().containsKey(share.index())) {
            throw new VoteException("trustee " + share.index() + " holds no share of this election key");
        }
        VoteAudit.Count c = VoteCoordinator.count(p, seen, rng);
        Optional<String> bad = VoteAudit.checkFreeze(p, c, f);
        if (bad.isPresent()) {
            throw new VoteException("this trustee cannot reproduce the freeze: " + bad.get());
        }
        PartialDecryption d = ThresholdDecryption.decryptShare(share, p.id(), VoteAudit.tally(p, c), rng);
        return TrusteeDecryption.template(p.id(), f.id(), d, p.trustees().values(), now);
    }
}
