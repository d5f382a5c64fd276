package dev.drey.dkg;

import dev.drey.crypto.Bytes;
import dev.drey.crypto.Hex;
import dev.drey.crypto.frost.FrostException;
import dev.drey.crypto.frost.Identifier;
import dev.drey.crypto.frost.PublicKeyPackage;
import dev.drey.crypto.frost.VssCommitment;
import dev.drey.nostr.Event;
import dev.drey.nostr.Verification;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One DKG run as an outsider (the operator who started it) sees it on the members' relays: which members sent
 * round 1, how many round-2 shares went out, who confirmed which transcript, and complaints. Only public
 * messages are read (round-2 shares stay encrypted). Every event is checked before it counts: a valid
 * signature, a member of the roster as author, the {@code from} it claims being its own, this run. The run is
 * {@link State#COMPLETED} when every member confirmed one and the same round-1 transcript (the rule the members
 * themselves apply); {@link State#FAILED} on a complaint (its accused is the culprit the members will exclude)
 * or on two transcripts. Plain and deterministic: events in, state out, in any order and any number of times.
 */
public final class DkgRunView {
    /** Where the run stands. */
    public enum State { ROUND1, ROUND2, CONFIRMING, COMPLETED, FAILED }

    /** A complaint seen: who accused whom, of what. */
    public record Culprit(int accused, int accuser, String fault, String detail) {
    }

    private final StartRequest start;
    private final Map<Integer, Round1Message> round1 = new TreeMap<>();
    private final Map<Integer, String> round1Ids = new TreeMap<>();
    private final Map<String, Integer> round2 = new TreeMap<>();
    private final Map<Integer, TranscriptConfirmation> confirmations = new TreeMap<>();
    private final List<Culprit> culprits = new ArrayList<>();
    private final List<String> ignored = new ArrayList<>();

    private DkgRunView(StartRequest start) {
        this.start = start;
    }

    /**
     * The view of the run {@code startEvent} starts.
     *
     * @throws DkgMessageException if it is not a valid, signed start request
     */
    public static DkgRunView of(Event startEvent) {
        if (startEvent.verify() != Verification.VALID) {
            throw new DkgMessageException("the start request " + startEvent.id() + " has a bad id or signature");
        }
        if (!(DkgCodec.decode(startEvent) instanceof StartRequest s)) {
            throw new DkgMessageException("event " + startEvent.id() + " is not a DKG start request");
        }
        return new DkgRunView(s);
    }

    public StartRequest start() {
        return start;
    }

    /**
     * Takes one event seen on a relay. Returns what it changed for a progress line, or empty when it changed
     * nothing (a duplicate, another run, or a message that does not check: those are noted in {@link #ignored}).
     */
    public Optional<String> accept(Event e) {
        if (!DkgKinds.isDkgKind(e.kind()) || e.id().equals(start.runId())) {
            return Optional.empty();
        }
        DkgMessage m;
        try {
            m = DkgCodec.decode(e);
        } catch (DkgMessageException ex) {
            return ignore(e, ex.getMessage());
        }
        if (!m.runId().equals(start.runId())) {
            return Optional.empty();
        }
        if (e.verify() != Verification.VALID) {
            return ignore(e, "bad id or signature");
        }
        int from = m instanceof Round1Message r ? r.from() : m instanceof Round2Message r ? r.from()
                : m instanceof TranscriptConfirmation t ? t.from() : m instanceof Complaint c ? c.from() : -1;
        Optional<Participant> author = start.roster().byPubkey(e.pubkey());
        if (author.isEmpty() || author.get().id() != from) {
            return ignore(e, "its author is not member " + from + " of the roster");
        }
        if (m instanceof Round1Message r) {
            if (round1.putIfAbsent(from, r) != null) {
                return Optional.empty();
            }
            round1Ids.put(from, e.id());
            return Optional.of("round 1 from member " + from + " (" + round1.size() + "/" + start.roster().size() + ")");
        }
        if (m instanceof Round2Message r) {
            return round2.putIfAbsent(e.id(), from) == null
                    ? Optional.of("round-2 share from member " + from + " to member " + r.to() + " (" + round2.size()
                            + "/" + start.roster().size() * (start.roster().size() - 1) + ")")
                    : Optional.empty();
        }
        if (m instanceof TranscriptConfirmation t) {
            return confirmations.putIfAbsent(from, t) == null
                    ? Optional.of("member " + from + " confirmed transcript " + Hex.encode(t.transcript()).substring(0, 16)
                            + "... (" + confirmations.size() + "/" + start.roster().size() + ")")
                    : Optional.empty();
        }
        if (m instanceof Complaint c) {
            Culprit culprit = new Culprit(c.accused(), from, c.fault().wireName(), c.detail());
            if (culprits.contains(culprit)) {
                return Optional.empty();
            }
            culprits.add(culprit);
            return Optional.of("member " + from + " accuses member " + c.accused() + " (" + c.fault().wireName()
                    + "): " + c.detail());
        }
        return Optional.empty();
    }

    private Optional<String> ignore(Event e, String why) {
        ignored.add(e.id() + ": " + why);
        return Optional.empty();
    }

    public State state() {
        if (!culprits.isEmpty() || transcripts().size() > 1) {
            return State.FAILED;
        }
        if (confirmations.size() == start.roster().size()) {
            return State.COMPLETED;
        }
        if (!confirmations.isEmpty()) {
            return State.CONFIRMING;
        }
        return round1.size() == start.roster().size() || !round2.isEmpty() ? State.ROUND2 : State.ROUND1;
    }

    /** The distinct transcript hashes confirmed so far (hex). */
    public List<String> transcripts() {
        return List.copyOf(new TreeSet<>(confirmations.values().stream().map(t -> Hex.encode(t.transcript())).toList()));
    }

    /** Why the run failed, or empty. */
    public Optional<String> failure() {
        if (!culprits.isEmpty()) {
            return Optional.of("complaints name member(s) " + culprits.stream().map(Culprit::accused).distinct().toList());
        }
        if (transcripts().size() > 1) {
            return Optional.of("members confirmed different round-1 transcripts: " + transcripts());
        }
        return Optional.empty();
    }

    public List<Culprit> culprits() {
        return List.copyOf(culprits);
    }

    /** Members whose round 1 has not been seen yet. */
    public List<Integer> missingRound1() {
        return start.roster().ids().stream().filter(id -> !round1.containsKey(id)).toList();
    }

    /** Members whose confirmation has not been seen yet. */
    public List<Integer> missingConfirmations() {
        return start.roster().ids().stream().filter(id -> !confirmations.containsKey(id)).toList();
    }

    public List<String> ignored() {
        return List.copyOf(ignored);
    }

    /**
     * The group's public key package of a completed FROST run, computed from the confirmed round-1 commitments
     * (Y = Σ C_i0 and each member's verifying share Σ_i f_i(j)·G): what every member derived, checkable by
     * anyone. Empty for another key type, or while the run has not completed or a confirmed round 1 is unseen.
     */
    public Optional<PublicKeyPackage> frostPublicKeys() {
        if (start.keyType() != KeyType.FROST_BIP340 || state() != State.COMPLETED) {
            return Optional.empty();
        }
        SortedMap<Integer, String> cited = confirmations.values().iterator().next().round1();
        List<VssCommitment> commitments = new ArrayList<>();
        for (Map.Entry<Integer, String> c : cited.entrySet()) {
            Round1Message r = round1.get(c.getKey());
            if (r == null || !c.getValue().equals(round1Ids.get(c.getKey()))) {
                return Optional.empty();
            }
            try {
                commitments.add(VssCommitment.decode(Identifier.of(c.getKey()),
                        Bytes.concat(r.commitments().toArray(new byte[0][]))));
            } catch (FrostException e) {
                return Optional.empty();
            }
        }
        VssCommitment group = VssCommitment.sum(commitments);
        Map<Identifier, dev.drey.crypto.Point> shares = new TreeMap<>();
        for (int id : start.roster().ids()) {
            shares.put(Identifier.of(id), group.evaluate(Identifier.of(id)));
        }
        return Optional.of(new PublicKeyPackage(shares, group.constant(), start.threshold()));
    }

    @Override
    public String toString() {
        return "DkgRunView[" + start.runId() + ", " + state() + ", round1 " + round1.keySet() + ", confirmed "
                + confirmations.keySet() + ", culprits " + Arrays.toString(culprits.toArray()) + "]";
    }
}
