package dev.drey.dkg.simulation;

import dev.drey.crypto.Hashes;
import dev.drey.crypto.Hex;
import dev.drey.crypto.Schnorr;
import dev.drey.crypto.nip44.Nip44;
import dev.drey.dkg.Contribution;
import dev.drey.dkg.DkgCodec;
import dev.drey.dkg.DkgKinds;
import dev.drey.dkg.DkgMessage;
import dev.drey.dkg.Participant;
import dev.drey.dkg.Round1Message;
import dev.drey.dkg.Round2Message;
import dev.drey.dkg.StartRequest;
import dev.drey.dkg.TranscriptConfirmation;
import dev.drey.nostr.Event;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A dealer that shows two different round-1 contributions to two parts of the roster, for simulations and the
 * devnet (finding 3 of the security review: without agreement on round 1 the two parts would hold shares of two
 * different keys). Wrap the dealer's own DKG function and pass every event it publishes through
 * {@link #rewrite}:
 * <ul>
 * <li>its round 1 becomes two signed round-1 events: its real contribution, {@code p}-tagged to the members
 *     outside {@code victims}, and a second, equally well-formed contribution (another polynomial, a valid
 *     proof of knowledge), {@code p}-tagged to the victims only;</li>
 * <li>its round-2 share to a victim is replaced by that victim's share of the second polynomial, so every share
 *     matches the commitments its recipient holds and no share check can catch the dealer;</li>
 * <li>its transcript confirmation becomes two as well, each listing the round 1 that part of the roster holds,
 *     so the dealer looks consistent to each part;</li>
 * <li>anything else is returned unchanged.</li>
 * </ul>
 * Only the honest members' confirmations can reveal the split. The second contribution and the encryption
 * nonces are derived from the dealer's key and the run, so the same input gives the same events (same ids).
 * Delivery must honour {@code p} tags (relays route by them) for the two parts to see different events.
 */
public final class EquivocatingDealer {
    private final StartRequest start;
    private final byte[] nostrKey;
    private final int dealer;
    private final Set<Integer> victims;
    private final SecureRandom rng;
    private final byte[] secondSeed;
    private String honestRound1Id;
    private String secondRound1Id;

    /**
     * @param startEvent the run's start request (its id is the run)
     * @param nostrKey the dealer's identity secret key (it signs the rewritten events)
     * @param victims the members that get the second contribution (others than the dealer, not all of them)
     */
    public EquivocatingDealer(Event startEvent, byte[] nostrKey, Set<Integer> victims, SecureRandom rng) {
        DkgMessage m = DkgCodec.decode(startEvent);
        if (!(m instanceof StartRequest s)) {
            throw new IllegalArgumentException("equivocating dealer: not a start request");
        }
        this.start = s;
        this.nostrKey = nostrKey.clone();
        String pubkey = Hex.encode(Schnorr.publicKey(nostrKey));
        this.dealer = s.roster().byPubkey(pubkey)
                .orElseThrow(() -> new IllegalArgumentException("equivocating dealer: not in the roster")).id();
        this.victims = Set.copyOf(victims);
        if (this.victims.isEmpty() || this.victims.contains(dealer) || this.victims.size() >= s.roster().size() - 1
                || !s.roster().ids().containsAll(this.victims)) {
            throw new IllegalArgumentException("equivocating dealer: victims must be some, not all, other members");
        }
        this.rng = rng;
        this.secondSeed = Hashes.hmacSha256(this.nostrKey,
                ("drey/dkg/equivocating-dealer|" + s.runId()).getBytes(StandardCharsets.US_ASCII));
    }

    /** The events to publish instead of {@code out}, one of the dealer's own (see the class comment). */
    public List<Event> rewrite(Event out) {
        if (!DkgKinds.isDkgKind(out.kind()) || !out.pubkey().equals(Hex.encode(Schnorr.publicKey(nostrKey)))) {
            return List.of(out);
        }
        DkgMessage m = DkgCodec.decode(out);
        if (!m.runId().equals(start.runId())) {
            return List.of(out);
        }
        if (m instanceof Round1Message r && r.from() == dealer) {
            Event honest = sign(r, out.createdAt(), pubkeys(false));
            Event second = sign(Contribution.of(start, dealer, secondSeed).round1(), out.createdAt(), pubkeys(true));
            honestRound1Id = honest.id();
            secondRound1Id = second.id();
            return List.of(honest, second);
        }
        if (m instanceof Round2Message r && r.from() == dealer && victims.contains(r.to())) {
            Participant to = start.roster().byId(r.to()).orElseThrow();
            byte[] nonce = Hashes.hmacSha256(secondSeed, ("nonce|" + r.to()).getBytes(StandardCharsets.US_ASCII));
            String share = Nip44.encrypt(Hex.encode(Contribution.of(start, dealer, secondSeed).shareFor(r.to())),
                    Nip44.conversationKey(nostrKey, Hex.decode(to.pubkey())), nonce);
            return List.of(sign(new Round2Message(r.runId(), dealer, r.to(), share), out.createdAt(),
                    List.of(to.pubkey())));
        }
        if (m instanceof TranscriptConfirmation c && c.from() == dealer && honestRound1Id != null) {
            return List.of(confirmation(c, honestRound1Id, out.createdAt(), false),
                    confirmation(c, secondRound1Id, out.createdAt(), true));
        }
        return List.of(out);
    }

    private Event confirmation(TranscriptConfirmation c, String ownRound1, long createdAt, boolean toVictims) {
        SortedMap<Integer, String> used = new TreeMap<>(c.round1());
        used.put(dealer, ownRound1);
        return sign(TranscriptConfirmation.of(c.runId(), dealer, used), createdAt, pubkeys(toVictims));
    }

    private List<String> pubkeys(boolean toVictims) {
        List<String> out = new ArrayList<>();
        for (Participant p : start.roster().participants()) {
            if (p.id() != dealer && victims.contains(p.id()) == toVictims) {
                out.add(p.pubkey());
            }
        }
        return out;
    }

    private Event sign(DkgMessage m, long createdAt, List<String> recipients) {
        return DkgCodec.template(m, createdAt, recipients).sign(nostrKey, rng);
    }
}
