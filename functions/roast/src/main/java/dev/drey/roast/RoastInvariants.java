package dev.drey.roast;

import dev.drey.crypto.frost.Identifier;
import dev.drey.roast.RunState.Phase;
import dev.drey.roast.RunState.Slot;
import dev.drey.roast.RunState.Status;
import java.util.Map;

/**
 * The paper's invariants, checked on any state (tests call this after every message): |R| < t;
 * |M| ≤ n − t while the run is open (a run that failed for too many faults holds exactly the faulty
 * signers that broke the budget); every signer pending in at most one session, and only in a session it
 * belongs to and has not answered (a completed run may end with |R| = t: the completing share also
 * carried a presignature, and no session follows); at most n − t + 1 sessions started; a completed run holds a signature
 * from a session with t valid shares.
 */
public final class RoastInvariants {
    private RoastInvariants() {
    }

    public static void check(RunState s) {
        int n = s.size();
        int t = s.threshold();
        int ready = s.ready().size();
        int malicious = s.malicious().size();
        int faulty = malicious + s.refused().size();
        // The share that completes a run also returns its signer to R; no session follows, the run is over.
        require(ready < t || ((s.status() == Status.COMPLETED || s.status() == Status.COMPLETED_BY_OTHER) && ready == t), "|R| = " + ready + " is not below t = " + t + " (" + s.status() + ": " + s.outcome() + ")");
        if (s.status() == Status.FAILED) {
            require(faulty <= n - t + 1, "|M| + refused = " + faulty + " exceeds n - t + 1");
        } else {
            require(faulty <= n - t, "|M| + refused = " + faulty + " exceeds n - t = " + (n - t));
        }
        require(s.sessions().size() <= n - t + 1, s.sessions().size() + " sessions exceed n - t + 1");
        for (int k = 0; k < s.sessions().size(); k++) {
            require(s.sessions().get(k).id() == k + 1, "session numbers are not 1, 2, ...");
            require(s.sessions().get(k).signers().size() == t, "session " + (k + 1) + " does not have t signers");
            require(s.progress().get(k).responded().size() <= t, "session " + (k + 1) + " has more than t shares");
        }
        for (Map.Entry<Identifier, Slot> e : s.slots().entrySet()) {
            Slot slot = e.getValue();
            Identifier id = e.getKey();
            if (slot.phase() == Phase.PENDING) {
                int sid = slot.pendingSession();
                require(sid >= 1 && sid <= s.sessions().size(), id + " is pending in unknown session " + sid);
                require(s.session(sid).includes(id), id + " is pending in session " + sid + " without being in it");
                require(!s.progress().get(sid - 1).responded().contains(id),
                        id + " is pending in session " + sid + " which it already answered");
            } else {
                require(slot.pendingSession() == 0, id + " has a pending session while " + slot.phase());
            }
            if (slot.hasUnverifiedShare()) {
                int sid = slot.unverifiedSession();
                require(slot.phase() == Phase.READY, id + " holds an unchecked share while " + slot.phase());
                require(sid >= 1 && sid <= s.sessions().size() && s.session(sid).includes(id),
                        id + " holds an unchecked share for session " + sid + " it is not part of");
                require(!s.progress().get(sid - 1).responded().contains(id),
                        id + " has both an accepted and an unchecked share for session " + sid);
            } else {
                require(slot.unverifiedSession() == 0, id + " names a session for a share it does not hold");
            }
            require((slot.phase() == Phase.READY) == (slot.presignature() != null),
                    id + ": a presignature is held exactly while it is in R");
        }
        if (s.status() == Status.COMPLETED) {
            require(s.signature() != null && s.successfulSession() >= 1, "completed without signature");
            require(s.progress().get(s.successfulSession() - 1).responded().size() == t,
                    "completed session lacks t valid shares");
        }
        if (s.status() == Status.COMPLETED_BY_OTHER) {
            require(s.signature() != null && s.successfulSession() == 0, "stopped without the other's signature");
        }
        if (s.status() == Status.AWAITING_REQUEST) {
            require(s.sessions().isEmpty() && ready == 0, "activity before the request");
        } else {
            require(s.early().isEmpty(), "early messages left after the request");
        }
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("ROAST invariant violated: " + what);
        }
    }
}
