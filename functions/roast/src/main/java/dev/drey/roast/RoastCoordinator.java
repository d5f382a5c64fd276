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
 * <li>Whenever |R| reaches t, a session starts with the signers of R and their latest presignatures;
 *     R is emptied.</li>
 * </ul>
 * Beyond the paper, for messages on an open network: duplicates (same event id) and messages naming
 * another run, or a session the signer already answered, are ignored (never trusted, never punished,
 * since a replayed or re-delivered event is no sign of malice); a signed refusal to the request records
 * the signer as refusing, a refusal inside a session counts as a missing share (i joins M). When more than
 * n − t signers are in M or refusing, or the deadline passes, the run fails naming every culprit.
 */
public final class RoastCoordinator {
    private final Federation federation;

    public RoastCoordinator(Federation federation) {
        if (federation == null) {
            throw new IllegalArgumentException("coordinator: missing federation");
        }
        this.federation = federation;
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
                    status, slots, sessions, progress, early, signature, successfulSession, culprits, outcome);
        }

        int t() {
            return base.threshold();
        }

        int n() {
            return base.size();
        }

        void apply(RoastInput input, List<RoastOutput> out) {
            String eventId = input instanceof RoastInput.FromSigner f ? f.eventId()
                    : input instanceof RoastInput.Request r ? r.request().requestId() : "";
            if (status == Status.COMPLETED || status == Status.FAILED) {
                out.add(new RoastOutput.Ignored(eventId, "the run has ended (" + status + ")"));
                return;
            }
            if (input instanceof RoastInput.Request r) {
                request(r.request(), out);
            } else if (input instanceof RoastInput.FromSigner f) {
                fromSigner(f, out);
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
            status = Status.RUNNING;
            changed = true;
            List<Early> waiting = new ArrayList<>(early);
            early.clear();
            for (Early e : waiting) {
                if (status != Status.RUNNING) {
                    break;
                }
                fromSigner(new RoastInput.FromSigner(e.eventId(), e.signer(), e.message()), out);
            }
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
                for (Early e : early) {
                    if (e.eventId().equals(id)) {
                        out.add(new RoastOutput.Ignored(id, "duplicate"));
                        return;
                    }
                }
                if (early.size() >= 2 * n()) {
                    out.add(new RoastOutput.Ignored(id, "too many messages before the request"));
                    return;
                }
                early.add(new Early(id, i, m));
                changed = true;
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
            SigningSession frost = session.frost(federation.group().groupPublicKey());
            SignatureShare z;
            try {
                z = SignatureShare.decode(i, m.share());
            } catch (FrostException e) {
                malicious(i, "share out of range in session " + session.id(), out);
                return;
            }
            if (!frost.verifyShare(z, federation.verifyingShare(i))) {
                malicious(i, "invalid share in session " + session.id(), out);
                return;
            }
            SigningCommitments next = commitments(i, m.nextCommitments());
            if (next == null) {
                malicious(i, "invalid next commitments in session " + session.id(), out);
                return;
            }
            Progress p = progress.get(session.id() - 1);
            TreeSet<Identifier> responded = new TreeSet<>(p.responded());
            responded.add(i);
            Scalar sum = p.shareSum().add(z.share());
            progress.set(session.id() - 1, new Progress(responded, sum));
            Slot old = slots.get(i);
            slots.put(i, new Slot(Phase.READY, 0, next, old.firstEventId(), f.eventId()));
            changed = true;
            if (responded.size() == t()) {
                complete(session, frost, sum, out);
                return;
            }
            maybeStartSession(out);
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
