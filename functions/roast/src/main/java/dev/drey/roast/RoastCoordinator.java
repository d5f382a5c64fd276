package dev.drey.roast;

import dev.drey.crypto.CryptoException;
import dev.drey.crypto.Schnorr;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.frost.FrostException;
import dev.drey.crypto.frost.Identifier;
import dev.drey.crypto.frost.SignatureShare;
import dev.drey.crypto.frost.SigningCommitments;
import dev.drey.crypto.frost.SigningPackage;
import dev.drey.crypto.frost.SigningSession;
import dev.drey.roast.RunState.Early;
import dev.drey.roast.RunState.Phase;
import dev.drey.roast.RunState.Progress;
import dev.drey.roast.RunState.Slot;
import dev.drey.roast.RunState.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The ROAST coordinator of ePrint 2022/550 (Ruffing, Ronge, Jin, Schneider-Bensch, Schröder), as a pure
 * function {@code (RunState, RoastInput) → (RunState, outputs)}.
 *
 * <p>On a message from signer i (the paper's "upon receiving (σ_i, ρ_i) from i"):
 * <ul>
 * <li>i ∈ M: ignored.</li>
 * <li>i ∈ R, or a share from i when i is pending in no session of that number, or a presignature alone
 *     (no share) while i is pending: unsolicited, i joins M.</li>
 * <li>i pending in session s: its share must verify against its verifying share and s's package, else
 *     i joins M. A valid share is kept; the t-th valid share of s completes the run with a BIP-340
 *     signature. The share's message carries i's next presignature: i joins R.</li>
 * </ul>
 * Shares are checked lazily and in batches, which gives the same outcomes as checking each on arrival:
 * a share is held unchecked while its signer waits in R; before R becomes a session, the held shares are
 * checked per session as one sum ({@link SigningSession#verifyShareSum}: one small multi-scalar
 * multiplication, over the session's complement when that is smaller), and when a session holds t
 * shares their aggregate is checked as the BIP-340 equation. A sum that fails is split in halves down to
 * single shares, so exactly the senders of shares that do not verify join M (an honest signer never does),
 * before any of them could be put in another session. The accepted shares of a session always sum
 * correctly, so t of them always make a valid signature.
 * <ul>
 * <li>Whenever |R| reaches t, a session starts with the signers of R and their latest presignatures;
 *     R is emptied.</li>
 * </ul>
 * Beyond the paper, for messages on an open network: duplicates (same event id) and messages naming
 * another run, or a session the signer already answered, are ignored (never trusted, never punished,
 * since a replayed or re-delivered event is no sign of malice); a signed refusal to the request records
 * the signer as refusing, a refusal inside a session counts as a missing share (i joins M). When more than
 * n − t signers are in M or refusing, or the deadline passes, the run fails naming every culprit.
 *
 * <p>Several coordinators may serve one request (each signer gives each its own nonces). A valid signature
 * result for the request, whoever sends it, ends this run as {@link Status#COMPLETED_BY_OTHER}: a result
 * carries the group's BIP-340 signature over the requested message, which proves itself.
 */
public final class RoastCoordinator {
    private final Federation federation;
    /** Every t verifying shares interpolate to the group key: share sums may be checked over the complement. */
    private final boolean sharesInterpolate;

    public RoastCoordinator(Federation federation) {
        if (federation == null) {
            throw new IllegalArgumentException("coordinator: missing federation");
        }
        this.federation = federation;
        this.sharesInterpolate = federation.group().sharesInterpolate();
    }

    public Federation federation() {
        return federation;
    }

    /** A fresh run state for a request this coordinator serves. */
    public RunState start(String requestId, String coordinatorPubkey) {
        return RunState.initial(requestId, coordinatorPubkey, federation);
    }

    public Transition apply(RunState state, RoastInput input) {
        Draft d = new Draft(state);
        List<RoastOutput> out = new ArrayList<>();
        d.apply(input, out);
        return d.changed ? new Transition(d.freeze(), out, true) : new Transition(state, out, false);
    }

    /** A mutable copy of the state while one input is applied. */
    private final class Draft {
        final RunState base;
        byte[] message;
        List<String> coordinators;
        Status status;
        final TreeMap<Identifier, Slot> slots;
        final List<Session> sessions;
        final List<Progress> progress;
        final List<Early> early;
        byte[] signature;
        int successfulSession;
        List<Identifier> culprits;
        String outcome;
        boolean changed;

        Draft(RunState s) {
            base = s;
            message = s.message();
            coordinators = s.coordinators();
            status = s.status();
            slots = new TreeMap<>(s.slots());
            sessions = new ArrayList<>(s.sessions());
            progress = new ArrayList<>(s.progress());
            early = s.earlyCopy();
            signature = s.signature();
            successfulSession = s.successfulSession();
            culprits = s.culprits();
            outcome = s.outcome();
        }

        RunState freeze() {
            return new RunState(base.requestId(), base.coordinator(), base.threshold(), base.members(), message,
                    coordinators, status, slots, sessions, progress, early, signature, successfulSession, culprits, outcome);
        }

        int t() {
            return base.threshold();
        }

        int n() {
            return base.size();
        }

        void apply(RoastInput input, List<RoastOutput> out) {
            String eventId = input instanceof RoastInput.FromSigner f ? f.eventId()
                    : input instanceof RoastInput.Request r ? r.request().requestId()
                    : input instanceof RoastInput.ResultSeen rs ? rs.eventId() : "";
            if (base.finished()) {
                out.add(new RoastOutput.Ignored(eventId, "the run has ended (" + status + ")"));
                return;
            }
            if (input instanceof RoastInput.Request r) {
                request(r.request(), out);
            } else if (input instanceof RoastInput.FromSigner f) {
                fromSigner(f, out);
            } else if (input instanceof RoastInput.ResultSeen rs) {
                resultSeen(rs.eventId(), rs.result(), out);
            } else if (input instanceof RoastInput.Deadline) {
                deadline(out);
            }
        }

        void request(SignRequest r, List<RoastOutput> out) {
            if (!r.requestId().equals(base.requestId())) {
                out.add(new RoastOutput.Ignored(r.requestId(), "another run's request"));
                return;
            }
            if (!r.coordinators().contains(base.coordinator())) {
                out.add(new RoastOutput.Ignored(r.requestId(), "the request does not name this coordinator"));
                return;
            }
            if (status != Status.AWAITING_REQUEST) {
                out.add(new RoastOutput.Ignored(r.requestId(), "duplicate request"));
                return;
            }
            message = r.message();
            coordinators = r.coordinators();
            status = Status.RUNNING;
            changed = true;
            List<Early> waiting = new ArrayList<>(early);
            early.clear();
            // Another coordinator's result first: if one verifies, nothing else needs doing.
            for (Early e : waiting) {
                if (status == Status.RUNNING && e.message() instanceof SignatureResult sr) {
                    resultSeen(e.eventId(), sr, out);
                }
            }
            for (Early e : waiting) {
                if (status != Status.RUNNING) {
                    break;
                }
                if (e.signer() != null) {
                    fromSigner(new RoastInput.FromSigner(e.eventId(), e.signer(), e.message()), out);
                }
            }
        }

        /**
         * Keeps a message that came before the request, within fixed per-sender room so no sender can crowd out
         * another: per signer, its first presignature and its first refusal (all a signer sends before a
         * session exists; a later one of the same type is ignored, an honest signer re-sends the same event);
         * and at most n signature results from anyone (their signature can only be checked once the message is
         * known; a flood of them only crowds out other results). At most 3n messages in all.
         */
        void keepEarly(Early m, List<RoastOutput> out) {
            int results = 0;
            for (Early e : early) {
                if (e.eventId().equals(m.eventId())) {
                    out.add(new RoastOutput.Ignored(m.eventId(), "duplicate"));
                    return;
                }
                if (e.signer() == null) {
                    results++;
                } else if (e.signer().equals(m.signer()) && e.message().getClass() == m.message().getClass()) {
                    out.add(new RoastOutput.Ignored(m.eventId(), "signer " + m.signer() + " already has a "
                            + kindName(m.message()) + " waiting for the request"));
                    return;
                }
            }
            if (m.signer() == null ? results >= n()
                    : !(m.message() instanceof Presignature || m.message() instanceof Refusal r && r.sessionId() == 0)) {
                out.add(new RoastOutput.Ignored(m.eventId(), m.signer() == null
                        ? "too many signature results before the request"
                        : "only a presignature or a refusal can come before the request"));
                return;
            }
            early.add(m);
            changed = true;
        }

        String kindName(RoastMessage m) {
            return m instanceof Presignature ? "presignature" : "refusal";
        }

        /** A signature result for this request: if it verifies, the request is signed and this run stops. */
        void resultSeen(String eventId, SignatureResult r, List<RoastOutput> out) {
            if (!r.requestId().equals(base.requestId())) {
                out.add(new RoastOutput.Ignored(eventId, "another run's result"));
                return;
            }
            if (!r.succeeded()) {
                out.add(new RoastOutput.Ignored(eventId, "another coordinator's run failed; this one goes on"));
                return;
            }
            if (status == Status.AWAITING_REQUEST) {
                keepEarly(new Early(eventId, null, r), out);
                return;
            }
            byte[] sig = r.signature();
            if (!Schnorr.verify(federation.groupKeyXOnly(), message, sig)) {
                out.add(new RoastOutput.Ignored(eventId, "a result whose signature does not verify"));
                return;
            }
            status = Status.COMPLETED_BY_OTHER;
            signature = sig;
            successfulSession = 0;
            outcome = "signed by another coordinator (its session " + r.sessionId() + ", event " + eventId + ")";
            changed = true;
            out.add(new RoastOutput.Stopped(outcome));
        }

        void fromSigner(RoastInput.FromSigner f, List<RoastOutput> out) {
            String id = f.eventId();
            Identifier i = f.signer();
            RoastMessage m = f.message();
            if (!m.requestId().equals(base.requestId())) {
                out.add(new RoastOutput.Ignored(id, "another run"));
                return;
            }
            Slot slot = slots.get(i);
            if (slot == null) {
                out.add(new RoastOutput.Ignored(id, "not a federation member"));
                return;
            }
            if (!(m instanceof Presignature || m instanceof SignatureShareMessage || m instanceof Refusal)) {
                out.add(new RoastOutput.Ignored(id, "not a signer's message"));
                return;
            }
            if (status == Status.AWAITING_REQUEST) {
                // Kafka topics and relays do not order a signer's reply after the request it answers.
                keepEarly(new Early(id, i, m), out);
                return;
            }
            if (id.equals(slot.firstEventId()) || id.equals(slot.lastEventId())) {
                out.add(new RoastOutput.Ignored(id, "duplicate"));
                return;
            }
            switch (slot.phase()) {
                case MALICIOUS -> out.add(new RoastOutput.Ignored(id, "sender is in M"));
                case REFUSED -> out.add(new RoastOutput.Ignored(id, "sender refused this request"));
                default -> dispatch(f, slot, out);
            }
        }

        void dispatch(RoastInput.FromSigner f, Slot slot, List<RoastOutput> out) {
            Identifier i = f.signer();
            RoastMessage m = f.message();
            int s = m.sessionId();
            if (s == 0) {
                // A presignature alone, or a refusal of the request.
                switch (slot.phase()) {
                    case NONE -> {
                        if (m instanceof Refusal r) {
                            refuse(i, f.eventId(), r.reason(), out);
                        } else if (m instanceof Presignature p) {
                            SigningCommitments c = commitments(i, p.commitments());
                            if (c == null) {
                                malicious(i, "presignature with invalid commitments", out);
                                return;
                            }
                            slots.put(i, new Slot(Phase.READY, 0, c, f.eventId(), f.eventId()));
                            changed = true;
                            maybeStartSession(out);
                        } else {
                            malicious(i, "a share for session 0", out);
                        }
                    }
                    case READY -> malicious(i, "unsolicited message while in R", out);
                    case PENDING -> malicious(i, "a message without share while pending in session "
                            + slot.pendingSession(), out);
                    default -> throw new IllegalStateException("unreachable");
                }
                return;
            }
            if (s > sessions.size()) {
                malicious(i, "a message for session " + s + ", which was never started", out);
                return;
            }
            Session session = sessions.get(s - 1);
            if (!session.includes(i)) {
                malicious(i, "a message for session " + s + ", which it is not part of", out);
                return;
            }
            if (slot.phase() != Phase.PENDING || slot.pendingSession() != s) {
                out.add(new RoastOutput.Ignored(f.eventId(), "signer already answered session " + s));
                return;
            }
            if (m instanceof Refusal r) {
                malicious(i, "refused to sign in session " + s + ": " + r.reason(), out);
                return;
            }
            share(f, session, (SignatureShareMessage) m, out);
        }

        void share(RoastInput.FromSigner f, Session session, SignatureShareMessage m, List<RoastOutput> out) {
            Identifier i = f.signer();
            SignatureShare z;
            try {
                z = SignatureShare.decode(i, m.share());
            } catch (FrostException e) {
                malicious(i, "share out of range in session " + session.id(), out);
                return;
            }
            SigningCommitments next = commitments(i, m.nextCommitments());
            if (next == null) {
                malicious(i, "invalid next commitments in session " + session.id(), out);
                return;
            }
            // Held unchecked while i waits in R; checked with others before i joins a session, or now if
            // this is the session's t-th share.
            Slot old = slots.get(i);
            slots.put(i, new Slot(Phase.READY, 0, next, old.firstEventId(), f.eventId(), session.id(), z.share()));
            changed = true;
            if (progress.get(session.id() - 1).responded().size() + unverified(session.id()).size() == t()) {
                checkShares(session, out);
                if (status != Status.RUNNING) {
                    return;
                }
                Progress p = progress.get(session.id() - 1);
                if (p.responded().size() == t()) {
                    complete(session, session.frost(federation.group().groupPublicKey()), p.shareSum(), out);
                    return;
                }
            }
            maybeStartSession(out);
        }

        /** Signers holding an unchecked share for session {@code sid}, in identifier order. */
        List<Identifier> unverified(int sid) {
            List<Identifier> out = new ArrayList<>();
            for (Map.Entry<Identifier, Slot> e : slots.entrySet()) {
                Slot slot = e.getValue();
                if (slot.hasUnverifiedShare() && slot.unverifiedSession() == sid) {
                    out.add(e.getKey());
                }
            }
            return out;
        }

        /**
         * Checks the unchecked shares held for {@code session} as one sum (with the session's accepted
         * shares, whose sum is known good, so the check can run over the smaller complement); a failing sum
         * is split in halves down to single shares. Good shares are accepted, bad senders join M.
         */
        void checkShares(Session session, List<RoastOutput> out) {
            List<Identifier> held = unverified(session.id());
            if (!held.isEmpty()) {
                checkShares(session, session.frost(federation.group().groupPublicKey()), held, out);
            }
        }

        void checkShares(Session session, SigningSession frost, List<Identifier> batch, List<RoastOutput> out) {
            if (status != Status.RUNNING) {
                return;
            }
            Progress p = progress.get(session.id() - 1);
            Scalar batchSum = Scalar.ZERO;
            for (Identifier id : batch) {
                batchSum = batchSum.add(slots.get(id).unverifiedShare());
            }
            List<Identifier> covered = new ArrayList<>(p.responded());
            covered.addAll(batch);
            if (frost.verifyShareSum(covered, p.shareSum().add(batchSum), federation::verifyingShare,
                    sharesInterpolate)) {
                TreeSet<Identifier> responded = new TreeSet<>(p.responded());
                responded.addAll(batch);
                progress.set(session.id() - 1, new Progress(responded, p.shareSum().add(batchSum)));
                for (Identifier id : batch) {
                    Slot old = slots.get(id);
                    slots.put(id, new Slot(Phase.READY, 0, old.presignature(), old.firstEventId(), old.lastEventId()));
                }
                changed = true;
                return;
            }
            if (batch.size() == 1) {
                malicious(batch.get(0), "invalid share in session " + session.id(), out);
                return;
            }
            int half = batch.size() / 2;
            checkShares(session, frost, new ArrayList<>(batch.subList(0, half)), out);
            checkShares(session, frost, new ArrayList<>(batch.subList(half, batch.size())), out);
        }

        /** Checks every unchecked share of the signers in R (before R becomes a session, or at the deadline). */
        void checkReadyShares(List<RoastOutput> out) {
            TreeSet<Integer> sids = new TreeSet<>();
            for (Slot slot : slots.values()) {
                if (slot.hasUnverifiedShare()) {
                    sids.add(slot.unverifiedSession());
                }
            }
            for (int sid : sids) {
                if (status != Status.RUNNING) {
                    return;
                }
                checkShares(sessions.get(sid - 1), out);
            }
        }

        void complete(Session session, SigningSession frost, Scalar sum, List<RoastOutput> out) {
            byte[] sig = frost.signature(sum);
            if (!Schnorr.verify(federation.groupKeyXOnly(), message, sig)) {
                // Every share verified, so this is a bug, never a signer's fault.
                throw new IllegalStateException("aggregate of verified shares does not verify");
            }
            status = Status.COMPLETED;
            signature = sig;
            successfulSession = session.id();
            outcome = "signed in session " + session.id();
            out.add(new RoastOutput.Finished(SignatureResult.success(base.requestId(), session.id(), sig)));
        }

        void maybeStartSession(List<RoastOutput> out) {
            List<Identifier> ready = new ArrayList<>();
            for (Map.Entry<Identifier, Slot> e : slots.entrySet()) {
                if (e.getValue().phase() == Phase.READY) {
                    ready.add(e.getKey());
                }
            }
            if (ready.size() < t()) {
                return;
            }
            checkReadyShares(out);
            if (status != Status.RUNNING) {
                return;
            }
            ready.removeIf(id -> slots.get(id).phase() != Phase.READY);
            if (ready.size() < t()) {
                return;
            }
            int sid = sessions.size() + 1;
            if (sid > n() - t() + 1) {
                // ROAST never needs more while at most n − t signers are faulty; stop rather than loop.
                fail(faultySigners(), "more than n - t + 1 sessions would be needed", out);
                return;
            }
            List<SigningCommitments> cs = new ArrayList<>(ready.size());
            for (Identifier id : ready) {
                cs.add(slots.get(id).presignature());
            }
            Session session = new Session(sid, new SigningPackage(cs, message));
            try {
                session.frost(federation.group().groupPublicKey());
            } catch (FrostException e) {
                // Commitments that cancel to the identity: only a collusion among R can do this, and it
                // cannot be pinned on one of them; give everyone a fresh try would need new nonces, so fail.
                fail(new ArrayList<>(ready), "session " + sid + " has an unusable group commitment", out);
                return;
            }
            for (Identifier id : ready) {
                Slot old = slots.get(id);
                slots.put(id, new Slot(Phase.PENDING, sid, null, old.firstEventId(), old.lastEventId()));
            }
            sessions.add(session);
            progress.add(Progress.EMPTY);
            changed = true;
            out.add(new RoastOutput.StartSession(new SessionStart(base.requestId(), sid, session.signingPackage())));
        }

        SigningCommitments commitments(Identifier i, byte[] b66) {
            try {
                return SigningCommitments.decode(i, b66);
            } catch (CryptoException e) {
                return null;
            }
        }

        void malicious(Identifier i, String reason, List<RoastOutput> out) {
            Slot old = slots.get(i);
            slots.put(i, new Slot(Phase.MALICIOUS, 0, null, old.firstEventId(), old.lastEventId()));
            changed = true;
            out.add(new RoastOutput.Flagged(i, reason));
            checkFaultBudget(reason, out);
        }

        void refuse(Identifier i, String eventId, String reason, List<RoastOutput> out) {
            slots.put(i, new Slot(Phase.REFUSED, 0, null, eventId, eventId));
            changed = true;
            out.add(new RoastOutput.Flagged(i, "refused: " + reason));
            checkFaultBudget("refused: " + reason, out);
        }

        void checkFaultBudget(String last, List<RoastOutput> out) {
            List<Identifier> faulty = faultySigners();
            if (faulty.size() > n() - t()) {
                fail(faulty, "more than n - t signers are faulty (last: " + last + ")", out);
            }
        }

        List<Identifier> faultySigners() {
            List<Identifier> faulty = new ArrayList<>();
            for (Map.Entry<Identifier, Slot> e : slots.entrySet()) {
                Phase p = e.getValue().phase();
                if (p == Phase.MALICIOUS || p == Phase.REFUSED) {
                    faulty.add(e.getKey());
                }
            }
            return faulty;
        }

        void deadline(List<RoastOutput> out) {
            if (status == Status.RUNNING) {
                // A held share that does not verify is that signer's fault, not a wait for it.
                checkReadyShares(out);
                if (status != Status.RUNNING) {
                    return;
                }
            }
            SortedSet<Identifier> blame = new TreeSet<>();
            for (Map.Entry<Identifier, Slot> e : slots.entrySet()) {
                if (e.getValue().phase() != Phase.READY) {
                    blame.add(e.getKey());
                }
            }
            fail(new ArrayList<>(blame), status == Status.AWAITING_REQUEST ? "deadline passed before the request"
                    : "deadline passed", out);
        }

        void fail(List<Identifier> blame, String reason, List<RoastOutput> out) {
            status = Status.FAILED;
            culprits = List.copyOf(new TreeSet<>(blame));
            outcome = reason;
            changed = true;
            out.add(new RoastOutput.Finished(SignatureResult.failure(base.requestId(), culprits, reason)));
        }
    }
}
