package dev.drey.roast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Applies inputs to a run one by one, checking the invariants and the stored form's round trip after
 * every one, and collecting what the coordinator sends.
 */
final class Driver {
    final TestGroup g;
    RunState state;
    final List<SessionStart> started = new ArrayList<>();
    final List<RoastOutput> outputs = new ArrayList<>();
    SignatureResult result;
    /** Encodings carried from one state to the next, as the state store does. */
    private final java.util.IdentityHashMap<Object, byte[]> encodings = new java.util.IdentityHashMap<>();

    Driver(TestGroup g) {
        this.g = g;
        this.state = g.fresh();
    }

    List<RoastOutput> apply(RoastInput in) {
        Transition tr = g.coordinator.apply(state, in);
        state = tr.state();
        RoastInvariants.check(state);
        roundTrip(state);
        org.junit.jupiter.api.Assertions.assertArrayEquals(RunStateCodec.encodeHeader(state),
                RunStateCodec.encodeHeader(state, encodings), "reused encodings give the same header");
        for (RoastOutput o : tr.outputs()) {
            if (o instanceof RoastOutput.StartSession s) {
                started.add(s.message());
            } else if (o instanceof RoastOutput.Finished f) {
                result = f.result();
            }
        }
        outputs.addAll(tr.outputs());
        return tr.outputs();
    }

    SessionStart session(int id) {
        return started.get(id - 1);
    }

    /** Header and session blobs decode to an equal state. */
    static void roundTrip(RunState s) {
        byte[] header = RunStateCodec.encodeHeader(s);
        Map<Integer, Session> byId = new java.util.HashMap<>();
        for (Session session : s.sessions()) {
            byte[] blob = RunStateCodec.encodeSession(session, s.members());
            byId.put(session.id(), RunStateCodec.decodeSession(blob, s.members()));
        }
        RunState back = RunStateCodec.decodeHeader(header, (ref, members) -> byId.get(ref.id()));
        assertEquals(s, back, "stored form round trip");
    }
}
