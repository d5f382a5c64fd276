package dev.drey.dkg;

import dev.drey.nostr.Event;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One participant's view of one run, as kept (encrypted) in the KV store between events. A working copy:
 * each handled event loads a fresh one, changes it and writes it back with compare-and-set.
 */
final class RunState {
    enum Status {
        WAITING_FOR_START("waiting"), ROUND1("round1"), ROUND2("round2"), COMPLETE("complete"), FAILED("failed");

        final String wire;

        Status(String wire) {
            this.wire = wire;
        }

        static Status fromWire(String s) {
            for (Status st : values()) {
                if (st.wire.equals(s)) {
                    return st;
                }
            }
            throw new DkgStateException("stored DKG state has an unknown status");
        }
    }

    /** An event this participant published, and the input event that made it (re-sent on a duplicate). */
    record Outgoing(String trigger, Event event) {
    }

    final String runId;
    Status status = Status.WAITING_FOR_START;
    Event start;
    byte[] seed;
    final Set<String> seen = new LinkedHashSet<>();
    final List<Event> early = new ArrayList<>();
    final Map<Integer, Event> round1 = new TreeMap<>();
    final Map<Integer, Event> round2 = new TreeMap<>();
    /** The transcript confirmations (3413) of the other members, by member. */
    final Map<Integer, Event> confirmations = new TreeMap<>();
    final List<Outgoing> outbox = new ArrayList<>();
    final Map<Integer, String> culprits = new TreeMap<>();

    RunState(String runId) {
        this.runId = runId;
    }

    Optional<StartRequest> startRequest() {
        return start == null ? Optional.empty() : Optional.of((StartRequest) DkgCodec.decode(start));
    }

    List<Event> outputsOf(String trigger) {
        return outbox.stream().filter(o -> o.trigger().equals(trigger)).map(Outgoing::event).toList();
    }
}
