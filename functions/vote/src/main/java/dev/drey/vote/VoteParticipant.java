package dev.drey.vote;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Schnorr;
import dev.drey.crypto.election.TrusteeShare;
import dev.drey.crypto.frost.KeyPackage;
import dev.drey.dkg.DkgIdentity;
import dev.drey.dkg.DkgResult;
import dev.drey.dkg.DkgResults;
import dev.drey.dkg.DkgStateException;
import dev.drey.kv.KeyValueStore;
import dev.drey.kv.Versioned;
import dev.drey.nostr.Event;
import dev.drey.nostr.Verification;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A miner's part in votes: it files every vote event it sees ({@link KvVoteLedger}), and as a trustee it answers a
 * freeze signed by the group key with its partial decryption, once it reproduces that freeze from the ballots it
 * has seen (a freeze that arrives before its ballots is retried on each later event of the proposal). Its share is
 * the election key's DKG result in the KV store, sealed under its identity key, and is used only if the proposal
 * names exactly that key. The partial it publishes is kept, so a redelivered freeze re-sends the same one (two
 * different partials would make it a culprit).
 */
public final class VoteParticipant {
    /** What one event made: events to publish and notes for the operator's log. */
    public record Reaction(List<Event> events, List<String> notes) {
        public Reaction {
            events = List.copyOf(events);
            notes = List.copyOf(notes);
        }
    }

    private final byte[] identityKey;
    private final String pubkey;
    private final String groupPubkey;
    private final KeyValueStore kv;
    private final KvVoteLedger ledger;
    private final DkgResults dkg;
    private final SecureRandom rng;
    private final Clock clock;

    public VoteParticipant(byte[] identityKey, String groupPubkey, KeyValueStore kv, SecureRandom rng, Clock clock) {
        this.identityKey = identityKey.clone();
        this.pubkey = Hex.encode(Schnorr.publicKey(identityKey));
        this.groupPubkey = groupPubkey;
        this.kv = kv;
        this.ledger = new KvVoteLedger(kv);
        this.dkg = new DkgResults(kv, new DkgIdentity(identityKey), rng);
        this.rng = rng;
        this.clock = clock;
    }

    public KvVoteLedger ledger() {
        return ledger;
    }

    public Reaction handle(Event e) {
        if (e.verify() != Verification.VALID) {
            return new Reaction(List.of(), List.of("vote: ignored event " + e.id() + " with a bad id or signature"));
        }
        ledger.add(e);
        Optional<String> proposal = e.kind() == VoteKinds.PROPOSAL || e.kind() == VoteKinds.NIP88_POLL ? Optional.of(e.id()) : Ballot.proposalOf(e);
        if (proposal.isEmpty()) {
            return new Reaction(List.of(), List.of());
        }
        List<Event> seen = ledger.eventsOf(proposal.get());
        List<Event> out = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Event f : seen) {
            if (f.kind() == VoteKinds.FREEZE && f.pubkey().equals(groupPubkey)) {
                answer(f, f.id().equals(e.id()), seen, out, notes);
            }
        }
        return new Reaction(out, notes);
    }

    /** {@code redelivered}: the event handled is this freeze itself, so a partial already made is sent again. */
    private void answer(Event freeze, boolean redelivered, List<Event> seen, List<Event> out, List<String> notes) {
        String key = "vote/partial/" + freeze.id() + "/" + pubkey;
        Optional<Versioned> sent = kv.get(key);
        if (sent.isPresent()) {
            if (redelivered) {
                out.add(Event.fromStoredJson(sent.get().value()));
            }
            return;
        }
        try {
            Freeze f = Freeze.of(freeze);
            Optional<Proposal> p = VoteCoordinator.proposal(seen, f.proposalId());
            if (p.isEmpty() || p.get().mode() != Proposal.Mode.SECRET) {
                return;
            }
            Optional<Integer> index = p.get().trusteeOf(pubkey);
            if (index.isEmpty()) {
                return; // not a trustee of this key
            }
            TrusteeShare share = share(p.get(), index.get());
            Event partial = VoteTrustee.decrypt(freeze, groupPubkey, seen, share, clock.instant().getEpochSecond(),
                    rng).sign(identityKey, rng);
            if (!kv.putIfAbsent(key, partial.toJson().getBytes(StandardCharsets.UTF_8))) {
                partial = Event.fromStoredJson(kv.get(key).orElseThrow().value()); // another invocation won
            }
            out.add(partial);
            notes.add("vote: partial decryption of freeze " + freeze.id() + " published as trustee " + index.get());
        } catch (VoteException | DkgStateException e) {
            notes.add("vote: not decrypting freeze " + freeze.id() + " (yet): " + e.getMessage());
        }
    }

    /** This miner's share of the proposal's election key, if the proposal names exactly its DKG result. */
    private TrusteeShare share(Proposal p, int index) {
        DkgResult r = dkg.load(p.electionRun()).orElseThrow(() -> new VoteException("election key run "
                + p.electionRun() + " is not complete at this miner"));
        if (!(r instanceof DkgResult.Election e)) {
            throw new VoteException("run " + p.electionRun() + " made a " + r.keyType().wireName()
                    + " key, not an election key");
        }
        KeyPackage kp = e.keyPackage();
        int mine = kp.identifier().value().toBigInteger().intValueExact();
        if (mine != index || !e.publicKeyPackage().groupPublicKey().equals(p.key().publicKey())
                || !kp.verifyingShare().equals(p.key().publicShares().get(index))) {
            throw new VoteException("the proposal's election key or trustee " + index
                    + " is not this miner's DKG result of run " + p.electionRun());
        }
        return new TrusteeShare(index, kp.signingShare());
    }

    @Override
    public String toString() {
        return "VoteParticipant[" + pubkey + ", key=<secret>]";
    }

    /** Forgets the identity key copy. */
    public void wipe() {
        Arrays.fill(identityKey, (byte) 0);
    }
}
