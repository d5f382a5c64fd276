package dev.drey.vote;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.Schnorr;
import dev.drey.crypto.election.BallotContext;
import dev.drey.crypto.election.BallotEncryptor;
import dev.drey.crypto.election.ElectionTestDealer;
import dev.drey.crypto.election.EncryptedBallot;
import dev.drey.crypto.election.PartialDecryption;
import dev.drey.crypto.election.ThresholdDecryption;
import dev.drey.crypto.election.TrusteeShare;
import dev.drey.nostr.Event;
import dev.drey.nostr.EventTemplate;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A vote among {@code n} members in memory, for the audit's unit tests: each member is a voter and a trustee; the
 * election key is dealt (ElectionTestDealer); one plain key stands in for the group key (its BIP-340 signatures
 * are what a ROAST run produces, and the audit cannot tell the difference).
 */
final class Election {
    final SecureRandom rng;
    final int n;
    final List<byte[]> memberKeys = new ArrayList<>();
    final List<String> members = new ArrayList<>();
    final byte[] groupKey;
    final String group;
    final ElectionTestDealer.Dealt dealt;
    final Event proposalEvent;
    final Proposal proposal;
    final List<Event> events = new ArrayList<>();

    Election(long seed, int n, int t, Proposal.Mode mode, List<String> options, int limit, Optional<String> param) {
        this.rng = new SecureRandom();
        this.rng.setSeed(seed);
        this.n = n;
        for (int i = 0; i < n; i++) {
            byte[] sk = Scalar.random(rng).encode();
            memberKeys.add(sk);
            members.add(Hex.encode(Schnorr.publicKey(sk)));
        }
        groupKey = Scalar.random(rng).encode();
        group = Hex.encode(Schnorr.publicKey(groupKey));
        dealt = ElectionTestDealer.deal(t, n, rng);
        Map<Integer, String> trustees = new TreeMap<>();
        for (int i = 1; i <= n; i++) {
            trustees.put(i, members.get(i - 1));
        }
        boolean secret = mode == Proposal.Mode.SECRET;
        EventTemplate tpl = Proposal.template("Which issuance amount?", options,
                limit == 1 ? Proposal.PollType.SINGLECHOICE : Proposal.PollType.MULTIPLECHOICE, 1000, mode, limit,
                secret ? "ab".repeat(32) : "", secret ? Optional.of(dealt.key()) : Optional.empty(),
                secret ? trustees : Map.of(), members, param, 100);
        proposalEvent = tpl.sign(memberKeys.get(0), rng);
        proposal = Proposal.of(proposalEvent);
        events.add(proposalEvent);
    }

    static Election secret(long seed, int n, int t, int options) {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < options; i++) {
            labels.add(Integer.toString(500 + 250 * i));
        }
        return new Election(seed, n, t, Proposal.Mode.SECRET, labels, 1, Optional.of("issuance-amount"));
    }

    static int[] choices(int options, int... chosen) {
        int[] c = new int[options];
        for (int i : chosen) {
            c[i] = 1;
        }
        return c;
    }

    /** Member {@code i}'s (0-based) ballot choosing {@code chosen}, optionally replacing {@code prev}. */
    Event ballot(int i, long createdAt, Optional<String> prev, int... chosen) {
        return ballotAs(i, members.get(i), createdAt, prev, chosen);
    }

    /** A ballot signed by member {@code i} whose proofs are made for {@code proofVoter} (bad unless it is i). */
    Event ballotAs(int i, String proofVoter, long createdAt, Optional<String> prev, int... chosen) {
        EventTemplate t;
        if (proposal.mode() == Proposal.Mode.SECRET) {
            EncryptedBallot b = BallotEncryptor.encrypt(proposal.key().publicKey(),
                    new BallotContext(proposal.id(), proofVoter), choices(proposal.options().size(), chosen),
                    proposal.limit(), rng);
            t = Ballot.secret(proposal.id(), prev, b, createdAt);
        } else {
            List<Integer> cs = new ArrayList<>();
            for (int c : chosen) {
                cs.add(c);
            }
            t = Ballot.open(proposal.id(), prev, cs, createdAt);
        }
        Event e = t.sign(memberKeys.get(i), rng);
        events.add(e);
        return e;
    }

    Event groupSigned(EventTemplate t) {
        Event e = t.sign(groupKey, rng);
        events.add(e);
        return e;
    }

    Event freeze() {
        return groupSigned(VoteCoordinator.freeze(proposal, events, proposal.endsAt() + 1, rng).orElseThrow());
    }

    /** Trustee {@code index}'s (1-based) honest partial decryption of {@code freeze}. */
    Event partial(int index, Event freeze) {
        TrusteeShare share = dealt.shares().get(index - 1);
        Event e = VoteTrustee.decrypt(freeze, group, events, share, proposal.endsAt() + 2, rng)
                .sign(memberKeys.get(index - 1), rng);
        events.add(e);
        return e;
    }

    /** Trustee {@code index}'s partial decryption made with a wrong share (its proofs fail). */
    Event badPartial(int index, Event freeze) {
        TrusteeShare wrong = new TrusteeShare(index, Scalar.random(rng));
        PartialDecryption d = ThresholdDecryption.decryptShare(wrong, proposal.id(),
                VoteAudit.tally(proposal, VoteCoordinator.count(proposal, events, rng)), rng);
        Event e = TrusteeDecryption.template(proposal.id(), Freeze.of(freeze).id(), d, members, proposal.endsAt() + 2)
                .sign(memberKeys.get(index - 1), rng);
        events.add(e);
        return e;
    }

    Optional<Event> result(Event freeze) {
        return VoteCoordinator.result(proposal, Freeze.of(freeze), events, proposal.endsAt() + 3, rng)
                .map(this::groupSigned);
    }

    VoteRecord record() {
        return new VoteRecord(proposal.id(), group, events);
    }
}
