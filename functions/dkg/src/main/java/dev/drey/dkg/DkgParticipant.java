package dev.drey.dkg;

import dev.drey.crypto.Hex;
import dev.drey.crypto.nip44.Nip44;
import dev.drey.crypto.nip44.Nip44Exception;
import dev.drey.kv.KeyValueStore;
import dev.drey.nostr.Event;
import dev.drey.nostr.Verification;
import dev.drey.kv.Deadlines;
import dev.drey.nostr.EventTemplate;
import dev.drey.nostr.JsonWriter;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The DKG function of one miner: one nostr event in, signed events out, state in the KV store. Stateless
 * itself; idempotent (a duplicate input re-emits exactly the events it produced the first time, same ids).
 *
 * <ul>
 * <li>Start request (3410 "start") from a trusted initiator naming this miner: a random run seed is stored
 *     (encrypted) and this miner's round 1 (3410 "round1") broadcast. Messages of the run that arrived before
 *     the start are kept and handled now.</li>
 * <li>Round 1 from each other roster member: checked as it arrives (commitment shape and count, and for the
 *     FROST key the proof of knowledge, bound to the run and roster by {@link RunBinding}); when all are in, a
 *     transcript confirmation (3413: the hash of the n round-1 events used) and one NIP-44 encrypted share
 *     (3411) per member.</li>
 * <li>Round 2 to this miner: each share is checked against its dealer's commitments. The key is derived and
 *     stored ({@link DkgResults}) only when every share is in <b>and</b> all n members confirmed the same
 *     transcript as this miner's (all n: no quorum, no exclusion; a member that never confirms keeps the run
 *     open).</li>
 * <li>A confirmation with another transcript fails the run: for each dealer whose round-1 event differs, a
 *     complaint (transcript-mismatch) carries this miner's copy of that dealer's round 1 and the other
 *     member's confirmation, so whoever holds the dealer's other signed round 1 names it (equivocation);
 *     with only one of its events in hand the run fails without a culprit. Two different confirmations
 *     signed by one member name that member.</li>
 * <li>Any fault found (bad commitment, proof or share, two different round-1 messages from one member) is
 *     broadcast as a complaint (3412) with evidence, and the run ends <b>failed</b>, naming the culprits; the
 *     run is not continued without them (start a new run with another roster).</li>
 * <li>A complaint from another member is checked on its evidence alone: the accused, or the complainer if the
 *     evidence does not show the fault, is named and the run ends failed. A failed run keeps no result (one
 *     already stored is deleted).</li>
 * </ul>
 * Events must be signed by the roster key of the identifier they claim; events from non-members, for other
 * runs, with bad signatures or malformed content are ignored with a note. Outgoing events carry the
 * created_at of the event that caused them.
 *
 * <p><b>Deadline.</b> Each run must end {@code runTimeout} after its start request's created_at (deterministic:
 * every instance and every replay agrees). The host's periodic {@link #tick} fails a run still open past it:
 * the run is marked failed, its secret seed wiped, and a run-status event (kind {@value DkgKinds#RUN_STATUS},
 * content {@code {"v":1,"type":"run-status","run":..,"status":"timed-out","deadline":..,"waiting_for":[ids]}},
 * dated at the deadline, p-tagged to the other members and the initiator) says whom it was waiting for.
 */
public final class DkgParticipant {
    private static final int MAX_ATTEMPTS = 32;
    private static final int MAX_EARLY = 4 * Roster.MAX_PARTICIPANTS;

    private final DkgIdentity identity;
    private final Set<String> trustedInitiators;
    private final RunStateStore states;
    private final DkgResults results;
    private final SecureRandom rng;
    private final Duration runTimeout;
    private final Deadlines deadlines;

    /** How long a run may take from its start request by default (drey.dkg.run-timeout). */
    public static final Duration DEFAULT_RUN_TIMEOUT = Duration.ofMinutes(10);
    /** The trigger under which a run's deadline output is kept (re-sent by a repeated tick). */
    private static final String DEADLINE = "deadline";

    public DkgParticipant(DkgIdentity identity, Set<String> trustedInitiators, KeyValueStore kv, SecureRandom rng) {
        this(identity, trustedInitiators, kv, rng, DEFAULT_RUN_TIMEOUT);
    }

    /** @param runTimeout how long a run may take from its start request's created_at before a {@link #tick} fails it */
    public DkgParticipant(DkgIdentity identity, Set<String> trustedInitiators, KeyValueStore kv, SecureRandom rng,
            Duration runTimeout) {
        if (identity == null || trustedInitiators == null || kv == null || rng == null || runTimeout == null
                || runTimeout.isNegative() || runTimeout.isZero()) {
            throw new IllegalArgumentException("dkg participant: missing argument or a run timeout that is not positive");
        }
        this.runTimeout = runTimeout;
        this.deadlines = new Deadlines(kv, "dkg/deadlines/" + identity.pubkey(), Deadlines.MAX_OPEN);
        this.identity = identity;
        this.trustedInitiators = Set.copyOf(trustedInitiators);
        this.states = new RunStateStore(kv, identity, rng);
        this.results = new DkgResults(kv, identity, rng);
        this.rng = rng;
    }

    public String pubkey() {
        return identity.pubkey();
    }

    public DkgResults results() {
        return results;
    }

    public DkgReaction handle(Event e) {
        if (!DkgKinds.isDkgKind(e.kind())) {
            return DkgReaction.ignored("kind " + e.kind() + " is not for the DKG");
        }
        if (e.verify() != Verification.VALID) {
            return DkgReaction.ignored("event " + e.id() + " has a bad id or signature");
        }
        DkgMessage m;
        try {
            m = DkgCodec.decode(e);
        } catch (DkgMessageException ex) {
            return DkgReaction.ignored("event " + e.id() + ": " + ex.getMessage());
        }
        if (m instanceof StartRequest s) {
            if (!trustedInitiators.contains(e.pubkey())) {
                return DkgReaction.ignored("start " + e.id() + " is not from a trusted initiator");
            }
            if (s.roster().byPubkey(identity.pubkey()).isEmpty()) {
                return DkgReaction.ignored("start " + e.id() + " does not name this miner");
            }
            // Every run that starts gets a deadline, or does not start: none waits for ever.
            if (!deadlines.register(s.runId(), e.createdAt() + runTimeout.toSeconds())) {
                return DkgReaction.ignored("start " + e.id() + ": " + Deadlines.MAX_OPEN
                        + " runs are open; refused until some end");
            }
        }
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            RunStateStore.Loaded loaded = states.load(m.runId());
            RunState s = loaded.state();
            if (s.seen.contains(e.id())) {
                List<Event> again = s.outputsOf(e.id());
                return reaction(s, again, List.of("event " + e.id() + " already handled"
                        + (again.isEmpty() ? "" : "; re-sending its " + again.size() + " event(s)")), null);
            }
            Step step = new Step(s);
            step.handle(e, m);
            if (!step.changed) {
                return reaction(s, List.of(), step.notes, null);
            }
            if (step.result != null) {
                results.store(step.result);
            }
            if (states.compareAndSet(s, loaded.version())) {
                if (step.droppedResult) {
                    results.delete(s.runId);
                }
                if (s.status == RunState.Status.COMPLETE || s.status == RunState.Status.FAILED) {
                    deadlines.remove(s.runId);
                }
                return reaction(s, step.out, step.notes, step.result);
            }
        }
        throw new DkgStateException("run " + m.runId() + ": state kept changing under concurrent writers");
    }

    /**
     * The periodic tick ({@code now}: the host's clock, epoch seconds): every run of this miner past its deadline
     * that is still open is failed and its run-status event returned to publish; a run that ended meanwhile is
     * just forgotten. A repeated tick re-sends the same status event (same id) or nothing. Keyed by run id.
     */
    public Map<String, DkgReaction> tick(long now) {
        Map<String, DkgReaction> out = new java.util.LinkedHashMap<>();
        for (String runId : deadlines.due(now)) {
            DkgReaction r = expire(runId);
            if (!r.events().isEmpty() || !r.notes().isEmpty()) {
                out.put(runId, r);
            }
            deadlines.remove(runId);
        }
        return out;
    }

    private DkgReaction expire(String runId) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            RunStateStore.Loaded loaded = states.load(runId);
            RunState s = loaded.state();
            if (s.seen.contains(DEADLINE)) {
                return reaction(s, s.outputsOf(DEADLINE), List.of("run " + runId + " timed out earlier; status re-sent"), null);
            }
            if (s.start == null || s.status == RunState.Status.COMPLETE || s.status == RunState.Status.FAILED) {
                return reaction(s, List.of(), List.of(), null);
            }
            StartRequest start = s.startRequest().orElseThrow();
            int me = start.roster().byPubkey(identity.pubkey()).orElseThrow().id();
            List<Integer> waitingFor = new ArrayList<>();
            for (int id : start.roster().ids()) {
                boolean missing = s.status == RunState.Status.ROUND1 ? !s.round1.containsKey(id)
                        : !s.round2.containsKey(id) || !s.confirmations.containsKey(id);
                if (id != me && missing) {
                    waitingFor.add(id);
                }
            }
            long deadline = s.start.createdAt() + runTimeout.toSeconds();
            List<List<String>> tags = new ArrayList<>();
            for (String p : start.roster().pubkeys()) {
                if (!p.equals(identity.pubkey())) {
                    tags.add(List.of("p", p));
                }
            }
            if (start.roster().byPubkey(s.start.pubkey()).isEmpty()) {
                tags.add(List.of("p", s.start.pubkey())); // the initiator, following the run
            }
            JsonWriter c = new JsonWriter().rawAscii("{\"v\":1,\"type\":\"run-status\",\"run\":").string(runId)
                    .rawAscii(",\"status\":\"timed-out\",\"deadline\":").number(deadline)
                    .rawAscii(",\"waiting_for\":[");
            for (int i = 0; i < waitingFor.size(); i++) {
                c.rawAscii(i == 0 ? "" : ",").number(waitingFor.get(i));
            }
            c.rawAscii("]}");
            Event status = identity.sign(new EventTemplate(deadline, DkgKinds.RUN_STATUS, tags, c.toString()), rng);
            RunState.Status was = s.status;
            s.status = RunState.Status.FAILED;
            s.seen.add(DEADLINE);
            s.outbox.add(new RunState.Outgoing(DEADLINE, status));
            byte[] seed = s.seed;
            s.seed = null; // the run is over: its secret seed goes (a failed run keeps no result either)
            if (states.compareAndSet(s, loaded.version())) {
                if (seed != null) {
                    Arrays.fill(seed, (byte) 0);
                }
                results.delete(runId);
                return reaction(s, List.of(status), List.of("run " + runId + " timed out in " + was.wire
                        + " at its deadline " + deadline + ", waiting for " + waitingFor), null);
            }
        }
        throw new DkgStateException("run " + runId + ": state kept changing under concurrent writers");
    }

    private static DkgReaction reaction(RunState s, List<Event> out, List<String> notes, DkgResult result) {
        return new DkgReaction(out, notes, Optional.of(s.status.wire), Optional.ofNullable(result), s.culprits);
    }

    /** One event's effect on one loaded state. */
    private final class Step {
        final RunState s;
        final List<Event> out = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        boolean changed;
        boolean droppedResult;
        DkgResult result;
        StartRequest start;
        KeyScheme scheme;
        int me;

        Step(RunState s) {
            this.s = s;
        }

        void handle(Event e, DkgMessage m) {
            if (m instanceof StartRequest sr) {
                begin(e, sr);
                return;
            }
            if (s.start == null) {
                buffer(e);
                return;
            }
            load();
            apply(e, m);
        }

        private void load() {
            start = s.startRequest().orElseThrow();
            scheme = KeyScheme.of(start);
            me = start.roster().byPubkey(identity.pubkey()).orElseThrow().id();
        }

        private void buffer(Event e) {
            if (!e.hasTag("p", identity.pubkey())) {
                notes.add("event " + e.id() + " of an unknown run is not addressed to this miner");
                return;
            }
            if (s.early.size() >= MAX_EARLY) {
                notes.add("run " + s.runId + ": too many messages before its start; " + e.id() + " dropped");
                return;
            }
            s.early.add(e);
            s.seen.add(e.id());
            changed = true;
            notes.add("event " + e.id() + " kept until run " + s.runId + " starts");
        }

        private void begin(Event e, StartRequest sr) {
            s.start = e;
            s.seed = new byte[32];
            rng.nextBytes(s.seed);
            s.status = RunState.Status.ROUND1;
            s.seen.add(e.id());
            changed = true;
            load();
            Round1Message mine = scheme.round1(seed());
            Event own = publish(e.id(), mine, e.createdAt(), others());
            s.round1.put(me, own);
            notes.add("run " + s.runId + " started: " + start.keyType().wireName() + ", " + start.threshold() + " of "
                    + start.roster().size() + ", this miner is " + me);
            List<Event> early = new ArrayList<>(s.early);
            s.early.clear();
            for (Event b : early) {
                apply(b, DkgCodec.decode(b));
            }
        }

        private void apply(Event e, DkgMessage m) {
            Optional<Participant> sender = start.roster().byPubkey(e.pubkey());
            if (sender.isEmpty()) {
                notes.add("event " + e.id() + ": author " + e.pubkey() + " is not in the roster of run " + s.runId);
                return;
            }
            int from = m instanceof Round1Message r ? r.from()
                    : m instanceof Round2Message r ? r.from()
                    : m instanceof TranscriptConfirmation t ? t.from() : ((Complaint) m).from();
            if (sender.get().id() != from) {
                notes.add("event " + e.id() + " claims to be from " + from + " but is signed by member "
                        + sender.get().id());
                return;
            }
            s.seen.add(e.id());
            changed = true;
            if (m instanceof Complaint c) {
                complaint(e, c);
            } else if (s.status == RunState.Status.FAILED) {
                notes.add("event " + e.id() + ": run " + s.runId + " has failed");
                if (m instanceof Round1Message r) {
                    lateRound1(e, r);
                }
            } else if (m instanceof Round1Message r) {
                round1(e, r);
            } else if (m instanceof Round2Message r) {
                round2(e, r);
            } else if (m instanceof TranscriptConfirmation t) {
                confirmation(e, t);
            }
        }

        /** A failed run still names a dealer whose second signed round 1 arrives late (evidence kept). */
        private void lateRound1(Event e, Round1Message r) {
            if (r.from() == me) {
                return;
            }
            Event held = s.round1.get(r.from());
            if (held == null) {
                s.round1.put(r.from(), e);
            } else if (!held.id().equals(e.id())) {
                reportEquivocation(e.id(), r.from(), held, e);
            }
        }

        /**
         * Names a dealer of which this miner holds two signed round-1 events, and broadcasts both (an equivocation
         * complaint) the first time, so every member can name it whichever of the two it held.
         */
        private void reportEquivocation(String trigger, int dealer, Event held, Event other) {
            boolean first = !s.culprits.containsKey(dealer);
            s.culprits.putIfAbsent(dealer, Fault.EQUIVOCATION.wireName()
                    + ": signed two different round-1 events for this run (" + held.id() + ", " + other.id() + ")");
            notes.add("run " + s.runId + ": member " + dealer + " signed two different round-1 events");
            boolean differ = !((Round1Message) DkgCodec.decode(held)).sameContribution(
                    (Round1Message) DkgCodec.decode(other));
            if (first && differ && dealer != me) {
                publish(trigger, new Complaint(s.runId, me, dealer, Fault.EQUIVOCATION,
                        "two different round-1 contributions", held, Optional.of(other), Optional.empty(),
                        Optional.empty(), Optional.empty()), s.start.createdAt(), others());
            }
        }

        private void round1(Event e, Round1Message r) {
            if (r.from() == me) {
                return; // our own broadcast, relayed back
            }
            Event held = s.round1.get(r.from());
            if (held != null) {
                if (!((Round1Message) DkgCodec.decode(held)).sameContribution(r)) {
                    fail(e.id(), List.of(new Accusation(r.from(), Fault.EQUIVOCATION,
                            "two different round-1 contributions")), Map.of(r.from(), e));
                }
                return;
            }
            s.round1.put(r.from(), e);
            Optional<Accusation> bad = scheme.checkRound1(r);
            if (bad.isPresent()) {
                fail(e.id(), List.of(bad.get()), Map.of());
                return;
            }
            if (s.status == RunState.Status.ROUND1 && s.round1.size() == start.roster().size()) {
                publish(e.id(), TranscriptConfirmation.of(s.runId, me, ownTranscript()), e.createdAt(), others());
                KeyScheme.Seed seed = seed();
                for (Participant p : start.roster().participants()) {
                    if (p.id() == me) {
                        continue;
                    }
                    String payload = Nip44.encrypt(Hex.encode(scheme.shareFor(seed, p.id())),
                            identity.conversationKey(p.pubkey()));
                    publish(e.id(), new Round2Message(s.runId, me, p.id(), payload), e.createdAt(),
                            List.of(p.pubkey()));
                }
                s.status = RunState.Status.ROUND2;
                notes.add("run " + s.runId + ": round 1 complete, transcript confirmed and "
                        + (start.roster().size() - 1) + " shares sent");
                checkConfirmations(e.id());
                tryComplete(e.id());
            }
        }

        private void round2(Event e, Round2Message r) {
            if (r.to() != me) {
                notes.add("event " + e.id() + ": a share for " + r.to() + ", not this miner");
                return;
            }
            if (s.round2.containsKey(r.from())) {
                notes.add("event " + e.id() + ": a second share from " + r.from() + " ignored (the first counts)");
                return;
            }
            s.round2.put(r.from(), e);
            tryComplete(e.id());
        }

        private void confirmation(Event e, TranscriptConfirmation t) {
            if (t.from() == me) {
                return; // our own broadcast, relayed back
            }
            if (!t.round1().keySet().equals(new java.util.TreeSet<>(start.roster().ids()))) {
                notes.add("event " + e.id() + ": confirmation of " + t.from()
                        + " does not list one round 1 per roster member; ignored");
                return;
            }
            Event held = s.confirmations.get(t.from());
            if (held != null) {
                if (((TranscriptConfirmation) DkgCodec.decode(held)).sameTranscript(t)) {
                    notes.add("event " + e.id() + ": the same confirmation of " + t.from() + " again");
                    return;
                }
                s.culprits.putIfAbsent(t.from(), Fault.EQUIVOCATION.wireName()
                        + ": signed two different transcript confirmations (" + held.id() + ", " + e.id() + ")");
                notes.add("run " + s.runId + ": member " + t.from() + " confirmed two different transcripts");
                markFailed();
                return;
            }
            s.confirmations.put(t.from(), e);
            if (s.status == RunState.Status.ROUND2) {
                checkConfirmations(e.id());
                tryComplete(e.id());
            }
        }

        /** member → id of the round-1 event this miner used (its own included): its transcript. */
        private java.util.SortedMap<Integer, String> ownTranscript() {
            java.util.SortedMap<Integer, String> used = new java.util.TreeMap<>();
            s.round1.forEach((id, ev) -> used.put(id, ev.id()));
            return used;
        }

        /**
         * Compares every confirmation held with this miner's transcript (fixed once all n round-1 events are
         * in); the first that differs fails the run with one transcript-mismatch complaint per differing dealer.
         */
        private void checkConfirmations(String trigger) {
            java.util.SortedMap<Integer, String> mine = ownTranscript();
            byte[] hash = TranscriptConfirmation.hash(s.runId, mine);
            for (Map.Entry<Integer, Event> en : s.confirmations.entrySet()) {
                TranscriptConfirmation t = (TranscriptConfirmation) DkgCodec.decode(en.getValue());
                if (java.security.MessageDigest.isEqual(hash, t.transcript())) {
                    continue;
                }
                List<Integer> dealers = new ArrayList<>();
                for (Map.Entry<Integer, String> used : mine.entrySet()) {
                    if (used.getKey() != me && !used.getValue().equals(t.round1().get(used.getKey()))) {
                        dealers.add(used.getKey());
                    }
                }
                notes.add("run " + s.runId + ": member " + t.from() + " confirmed another round-1 transcript"
                        + (dealers.isEmpty() ? " (differing only in this miner's own round 1)"
                                : "; differing dealers " + dealers));
                for (int dealer : dealers) {
                    if (dealer == t.from()) { // both signed by the dealer: named here, and by the complaint
                        s.culprits.putIfAbsent(dealer, Fault.EQUIVOCATION.wireName() + ": confirmed round-1 event "
                                + t.round1().get(dealer) + " of its own but signed " + mine.get(dealer));
                    }
                    Complaint c = new Complaint(s.runId, me, dealer, Fault.TRANSCRIPT_MISMATCH,
                            "member " + t.from() + " used round-1 event " + t.round1().get(dealer) + " of " + dealer
                                    + ", this miner " + mine.get(dealer),
                            s.round1.get(dealer), Optional.empty(), Optional.empty(), Optional.empty(),
                            Optional.of(en.getValue()));
                    publish(trigger, c, s.start.createdAt(), others());
                }
                markFailed();
                return;
            }
        }

        private void markFailed() {
            s.status = RunState.Status.FAILED;
            droppedResult = true; // a failed run keeps no result, even one a crash left behind
        }

        private void tryComplete(String trigger) {
            if (s.status != RunState.Status.ROUND2 || s.round2.size() < start.roster().size() - 1
                    || s.confirmations.size() < start.roster().size() - 1) {
                return; // every confirmation held matched (checkConfirmations), all n are needed
            }
            Map<Integer, Round1Message> others = new HashMap<>();
            Map<Integer, byte[]> shares = new HashMap<>();
            List<Accusation> bad = new ArrayList<>();
            for (Map.Entry<Integer, Event> en : s.round2.entrySet()) {
                int from = en.getKey();
                Round1Message r1 = (Round1Message) DkgCodec.decode(s.round1.get(from));
                Round2Message r2 = (Round2Message) DkgCodec.decode(en.getValue());
                others.put(from, r1);
                Object share = openShare(r2, identity.conversationKey(start.roster().byId(from).orElseThrow().pubkey()));
                Optional<Accusation> a = share instanceof Accusation acc ? Optional.of(acc)
                        : scheme.checkShare(r1, me, (byte[]) share);
                if (a.isPresent()) {
                    bad.add(a.get());
                } else {
                    shares.put(from, (byte[]) share);
                }
            }
            if (!bad.isEmpty()) {
                fail(trigger, bad, Map.of());
                return;
            }
            result = scheme.finalize(seed(), others, shares);
            s.status = RunState.Status.COMPLETE;
            notes.add("run " + s.runId + " complete");
        }

        private void complaint(Event e, Complaint c) {
            Event held = s.round1.get(c.accused());
            Optional<Accusation> verdict = ComplaintCheck.judge(c, start, scheme, held);
            if (c.fault() == Fault.TRANSCRIPT_MISMATCH && held != null && verdict.isPresent()
                    && verdict.get().accused() == c.accused() && !held.id().equals(c.round1().id())) {
                reportEquivocation(e.id(), c.accused(), held, c.round1()); // both in hand: tell everyone
            } else if (verdict.isPresent()) {
                Accusation v = verdict.get();
                s.culprits.putIfAbsent(v.accused(), v.fault().wireName() + ": " + v.detail());
                notes.add("run " + s.runId + ": complaint by " + c.from() + " against " + c.accused()
                        + " -> culprit " + v.accused() + " (" + v.fault().wireName() + ")");
            } else {
                notes.add("run " + s.runId + ": " + c.from() + " reports that dealer " + c.accused()
                        + "'s round 1 differs between members; only one of its round-1 events is in hand here, so"
                        + " no culprit is named");
                s.round1.putIfAbsent(c.accused(), c.round1()); // evidence, should the other one arrive
            }
            markFailed();
        }

        /** Records the culprits, ends the run and broadcasts one complaint per culprit. */
        private void fail(String trigger, List<Accusation> accusations, Map<Integer, Event> conflicting) {
            for (Accusation a : accusations) {
                s.culprits.putIfAbsent(a.accused(), a.fault().wireName() + ": " + a.detail());
                Participant accused = start.roster().byId(a.accused()).orElseThrow();
                Optional<Event> r2 = Optional.empty();
                Optional<SharedKeyDisclosure> disclosure = Optional.empty();
                if (a.fault() == Fault.INVALID_SHARE) {
                    r2 = Optional.of(s.round2.get(a.accused()));
                    disclosure = Optional.of(identity.disclose(accused.pubkey(), s.runId, rng));
                }
                Complaint c = new Complaint(s.runId, me, a.accused(), a.fault(), a.detail(),
                        s.round1.get(a.accused()), Optional.ofNullable(conflicting.get(a.accused())), r2, disclosure,
                        Optional.empty());
                publish(trigger, c, s.start.createdAt(), others());
                notes.add("run " + s.runId + ": complaint against " + a.accused() + " (" + a.fault().wireName()
                        + "): " + a.detail());
            }
            markFailed();
        }

        private Event publish(String trigger, DkgMessage m, long createdAt, List<String> recipients) {
            Event ev = identity.sign(DkgCodec.template(m, createdAt, recipients), rng);
            s.outbox.add(new RunState.Outgoing(trigger, ev));
            out.add(ev);
            return ev;
        }

        private List<String> others() {
            return start.roster().pubkeys().stream().filter(p -> !p.equals(identity.pubkey())).toList();
        }

        private KeyScheme.Seed seed() {
            return new KeyScheme.Seed(s.runId, me, start.roster().size(), start.threshold(), s.seed);
        }
    }

    /** The share bytes of a round-2 message, or the accusation its dealer earns if it cannot be opened. */
    static Object openShare(Round2Message r2, byte[] conversationKey) {
        String plain;
        try {
            plain = Nip44.decrypt(r2.encryptedShare(), conversationKey);
        } catch (Nip44Exception e) {
            return new Accusation(r2.from(), Fault.INVALID_SHARE, "share does not decrypt: " + e.getMessage());
        }
        if (plain.isEmpty() || plain.length() % 2 != 0 || plain.length() > 2 * Round1Message.MAX_ELEMENT_BYTES
                || !Hex.isLowerHex(plain, plain.length() / 2)) {
            return new Accusation(r2.from(), Fault.INVALID_SHARE, "decrypted share is not lowercase hex");
        }
        return Hex.decode(plain);
    }
}
