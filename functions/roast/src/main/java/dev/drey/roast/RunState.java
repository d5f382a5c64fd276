package dev.drey.roast;

import dev.drey.crypto.Scalar;
import dev.drey.crypto.frost.Identifier;
import dev.drey.crypto.frost.SigningCommitments;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything a ROAST coordinator knows about one signing run (one request, one coordinator): the
 * per-signer state (the paper's ready set R, malicious set M, latest presignature and pending session),
 * the sessions started with their valid shares, and the outcome. Immutable; {@link RoastCoordinator}
 * makes the next state from this one and an input.
 *
 * <p>Valid shares are kept as the set of signers whose share verified and the running sum of those shares:
 * the t-th valid share completes the signature (R, Σ z_i), and the stored state stays small.
 */
public final class RunState {
    /** Where the run is. */
    public enum Status {
        AWAITING_REQUEST, RUNNING, COMPLETED, FAILED,
        /** Another coordinator of the same request published a valid signature first; this run stopped. */
        COMPLETED_BY_OTHER
    }

    /** Where one signer is, from the coordinator's point of view. */
    public enum Phase {
        /** Nothing heard yet. */
        NONE,
        /** In R: its latest presignature waits for the next session. */
        READY,
        /** Asked for a share in {@link Slot#pendingSession()}, not yet answered. */
        PENDING,
        /** In M: it sent an invalid share or an unsolicited message; everything it sends is ignored. */
        MALICIOUS,
        /** It declined the request (a signed refusal); it never contributes. */
        REFUSED
    }

    /**
     * One signer's state. {@code presignature} is its latest unused commitments (READY), or null.
     * {@code firstEventId} / {@code lastEventId} are the ids of its first and latest accepted events, for
     * deduplication: any earlier event names a session it already answered, which is ignored anyway.
     * {@code unverifiedShare} (READY only, else null) is the share it sent for session
     * {@code unverifiedSession} while that share is not yet checked: shares are checked in batches, at the
     * latest before the signer is put in another session or its session completes.
     */
    public record Slot(Phase phase, int pendingSession, SigningCommitments presignature, String firstEventId,
            String lastEventId, int unverifiedSession, Scalar unverifiedShare) {
        public static final Slot NEW = new Slot(Phase.NONE, 0, null, null, null);

        public Slot(Phase phase, int pendingSession, SigningCommitments presignature, String firstEventId,
                String lastEventId) {
            this(phase, pendingSession, presignature, firstEventId, lastEventId, 0, null);
        }

        public boolean hasUnverifiedShare() {
            return unverifiedShare != null;
        }
    }

    /** The valid shares of one session: who sent them and their sum. */
    public record Progress(SortedSet<Identifier> responded, Scalar shareSum) {
        public static final Progress EMPTY = new Progress(new TreeSet<>(), Scalar.ZERO);

        public Progress {
            responded = Collections.unmodifiableSortedSet(new TreeSet<>(responded));
        }
    }

    /**
     * A message that arrived before the sign request itself; replayed once the request is known. A signer's
     * message names its {@code signer}; a signature result (from another coordinator, or forwarded by
     * anyone) has a null signer.
     */
    public record Early(String eventId, Identifier signer, RoastMessage message) {
    }

    private final String requestId;
    private final String coordinator;
    private final int threshold;
    private final List<Identifier> members;
    private final byte[] message;
    private final List<String> coordinators;
    private final Status status;
    private final SortedMap<Identifier, Slot> slots;
    private final List<Session> sessions;
    private final List<Progress> progress;
    private final List<Early> early;
    private final byte[] signature;
    private final int successfulSession;
    private final List<Identifier> culprits;
    private final String outcome;

    public RunState(String requestId, String coordinator, int threshold, List<Identifier> members, byte[] message,
            List<String> coordinators, Status status, Map<Identifier, Slot> slots, List<Session> sessions, List<Progress> progress,
            List<Early> early, byte[] signature, int successfulSession, List<Identifier> culprits, String outcome) {
        RoastChecks.requestId(requestId);
        RoastChecks.pubkey(coordinator, "coordinator");
        if (members == null || threshold < 2 || threshold > members.size()) {
            throw new IllegalArgumentException("run state: need 2 <= t <= n");
        }
        if (sessions.size() != progress.size()) {
            throw new IllegalArgumentException("run state: one progress record per session");
        }
        this.requestId = requestId;
        this.coordinator = coordinator;
        this.threshold = threshold;
        this.members = List.copyOf(members);
        this.message = message == null ? null : message.clone();
        this.coordinators = coordinators == null ? List.of() : List.copyOf(coordinators);
        this.status = status;
        this.slots = Collections.unmodifiableSortedMap(new TreeMap<>(slots));
        // Members are in ascending order (the stored form indexes them by binary search): compare in step.
        if (this.slots.size() != this.members.size()) {
            throw new IllegalArgumentException("run state: one slot per member");
        }
        java.util.Iterator<Identifier> keys = this.slots.keySet().iterator();
        for (Identifier m : this.members) {
            if (!m.equals(keys.next())) {
                throw new IllegalArgumentException("run state: one slot per member, members in ascending order");
            }
        }
        this.sessions = List.copyOf(sessions);
        this.progress = List.copyOf(progress);
        this.early = List.copyOf(early);
        this.signature = signature == null ? null : signature.clone();
        this.successfulSession = successfulSession;
        this.culprits = List.copyOf(culprits);
        this.outcome = outcome == null ? "" : outcome;
    }

    /** A fresh run for {@code requestId}, before anything arrived. */
    public static RunState initial(String requestId, String coordinator, Federation federation) {
        Map<Identifier, Slot> slots = new TreeMap<>();
        for (Identifier id : federation.members()) {
            slots.put(id, Slot.NEW);
        }
        return new RunState(requestId, coordinator, federation.threshold(), federation.members(), null, List.of(),
                Status.AWAITING_REQUEST, slots, List.of(), List.of(), List.of(), null, 0, List.of(), "");
    }

    public String requestId() {
        return requestId;
    }

    /** The coordinator's nostr public key (several coordinators may run the same request). */
    public String coordinator() {
        return coordinator;
    }

    public int threshold() {
        return threshold;
    }

    public int size() {
        return members.size();
    }

    public List<Identifier> members() {
        return members;
    }

    /** The message to sign, or null while the request has not arrived. */
    public byte[] message() {
        return message == null ? null : message.clone();
    }

    /** Every coordinator the request names (this one among them); empty before the request arrived. */
    public List<String> coordinators() {
        return coordinators;
    }

    public Status status() {
        return status;
    }

    public boolean finished() {
        return status == Status.COMPLETED || status == Status.FAILED || status == Status.COMPLETED_BY_OTHER;
    }

    public SortedMap<Identifier, Slot> slots() {
        return slots;
    }

    public Slot slot(Identifier id) {
        return slots.get(id);
    }

    public List<Session> sessions() {
        return sessions;
    }

    public List<Progress> progress() {
        return progress;
    }

    public List<Early> early() {
        return early;
    }

    /** The 64-byte BIP-340 signature once COMPLETED (or COMPLETED_BY_OTHER: the other's), else null. */
    public byte[] signature() {
        return signature == null ? null : signature.clone();
    }

    /** The session whose t-th valid share completed the run, 0 if none. */
    public int successfulSession() {
        return successfulSession;
    }

    /** When FAILED: every signer to blame, in identifier order. */
    public List<Identifier> culprits() {
        return culprits;
    }

    /** A short description of how the run ended (empty while it runs). */
    public String outcome() {
        return outcome;
    }

    /** The ready set R, in identifier order. */
    public SortedSet<Identifier> ready() {
        return inPhase(Phase.READY);
    }

    /** The malicious set M, in identifier order. */
    public SortedSet<Identifier> malicious() {
        return inPhase(Phase.MALICIOUS);
    }

    public SortedSet<Identifier> refused() {
        return inPhase(Phase.REFUSED);
    }

    public SortedSet<Identifier> inPhase(Phase phase) {
        SortedSet<Identifier> out = new TreeSet<>();
        for (Map.Entry<Identifier, Slot> e : slots.entrySet()) {
            if (e.getValue().phase() == phase) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /** Signers pending in session {@code sessionId}. */
    public Set<Identifier> pendingIn(int sessionId) {
        Set<Identifier> out = new TreeSet<>();
        for (Map.Entry<Identifier, Slot> e : slots.entrySet()) {
            if (e.getValue().phase() == Phase.PENDING && e.getValue().pendingSession() == sessionId) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    public Session session(int id) {
        return sessions.get(id - 1);
    }

    List<Early> earlyCopy() {
        return new ArrayList<>(early);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunState s && requestId.equals(s.requestId) && coordinator.equals(s.coordinator)
                && threshold == s.threshold && members.equals(s.members)
                && java.util.Arrays.equals(message, s.message) && coordinators.equals(s.coordinators) && status == s.status && slotsEqual(s)
                && sessions.equals(s.sessions) && progress.equals(s.progress) && early.equals(s.early)
                && java.util.Arrays.equals(signature, s.signature) && successfulSession == s.successfulSession
                && culprits.equals(s.culprits) && outcome.equals(s.outcome);
    }

    private boolean slotsEqual(RunState s) {
        return slots.equals(s.slots);
    }

    @Override
    public int hashCode() {
        return requestId.hashCode() * 31 + sessions.size();
    }

    @Override
    public String toString() {
        return "RunState[" + requestId + ", " + status + ", sessions=" + sessions.size() + ", R=" + ready()
                + ", M=" + malicious() + "]";
    }
}
